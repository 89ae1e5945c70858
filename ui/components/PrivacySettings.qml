import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Settings → Privacy: encrypting the history with a passphrase, its progress, and removing it.
GroupBox {
    id: root
    required property HistoryController history
    property bool idle: true // no answer or summary is being written

    title: qsTr("Privacy")

    readonly property string encryptionState: root.history.state

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Label {
            objectName: "encryptionState"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: root.encryptionState === "on" ? qsTr("Your history is encrypted. Hearth asks for the passphrase at every start.")
                : root.encryptionState === "encrypting" ? qsTr("Encryption was stopped part-way: part of your history is still in plain text.")
                : root.encryptionState === "decrypting" ? qsTr("Removing the encryption was stopped part-way.")
                : qsTr("Your history is stored in plain text in %1.").arg("conversations.db")
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pointSize: Theme.smallFontSize
            text: qsTr("Encryption covers messages, titles, system prompts, documents and summaries; dates, sizes and model names stay readable. Search keeps working.")
        }
        RowLayout {
            Layout.fillWidth: true
            visible: root.history.busy
            ProgressBar {
                objectName: "encryptionProgress"
                Layout.fillWidth: true
                from: 0; to: 1
                value: Math.max(0, root.history.progress)
                indeterminate: root.history.progress < 0
                Accessible.name: qsTr("Encryption progress")
            }
            Label {
                color: Theme.text
                text: root.history.progress < 0 ? qsTr("Preparing…") : qsTr("%1%").arg(Math.round(root.history.progress * 100))
            }
            Button {
                text: qsTr("Cancel")
                Accessible.name: qsTr("Stop the encryption")
                onClicked: root.history.cancel()
            }
        }
        Label {
            objectName: "encryptionError"
            Layout.fillWidth: true
            visible: text.length > 0 && !root.history.locked
            text: root.history.error
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
        }
        RowLayout {
            enabled: !root.history.busy && root.idle
            Button {
                objectName: "encryptHistoryButton"
                visible: root.encryptionState === "off" || root.encryptionState === "encrypting"
                text: root.encryptionState === "off" ? qsTr("Encrypt my history…") : qsTr("Finish encrypting…")
                Accessible.name: text
                onClicked: {
                    root.history.clearError()
                    if (root.encryptionState === "off")
                        encryptDialog.open()
                    else
                        passphraseDialog.ask(qsTr("Finish encrypting"), qsTr("Enter the passphrase you chose to encrypt the rest of your history."),
                                             qsTr("Encrypt"))
                }
            }
            Button {
                objectName: "removeEncryptionButton"
                visible: root.encryptionState === "on" || root.encryptionState === "decrypting"
                text: qsTr("Remove encryption…")
                Accessible.name: text
                onClicked: {
                    root.history.clearError()
                    passphraseDialog.ask(qsTr("Remove encryption"), qsTr("Your history will be stored in plain text again. Enter its passphrase."),
                                         qsTr("Remove encryption"))
                }
            }
        }
    }

    EncryptHistoryDialog {
        id: encryptDialog
        parent: Overlay.overlay
        history: root.history
    }
    PassphraseDialog {
        id: passphraseDialog
        parent: Overlay.overlay
        onPassphraseGiven: passphrase => {
            if (root.encryptionState === "encrypting")
                root.history.encrypt(passphrase)
            else
                root.history.decrypt(passphrase)
        }
    }
}
