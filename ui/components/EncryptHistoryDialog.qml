import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A new passphrase for the history, twice, with how strong it is and what forgetting it means.
Dialog {
    id: root
    required property HistoryController history

    objectName: "encryptHistoryDialog"
    title: qsTr("Encrypt my history")
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 480, 480)
    anchors.centerIn: parent
    onOpened: { first.clear(); second.clear(); first.forceActiveFocus() }
    onAccepted: {
        root.history.encrypt(first.text)
        first.clear()
        second.clear()
    }

    readonly property bool matching: first.text === second.text
    readonly property bool acceptable: root.history.strength(first.text) > 0 && matching

    background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("Messages, titles, system prompts, documents and summaries are stored encrypted with this passphrase. Hearth asks for it at every start.")
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.danger
            font.bold: true
            text: qsTr("A forgotten passphrase cannot be recovered: without it your history cannot be read, by you or anyone.")
            Accessible.role: Accessible.AlertMessage
        }
        TextField {
            id: first
            objectName: "newPassphraseField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("New passphrase")
            Accessible.name: qsTr("New passphrase")
            onAccepted: second.forceActiveFocus()
        }
        Label {
            objectName: "strengthHint"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.pointSize: Theme.smallFontSize
            color: root.history.strength(first.text) < 2 ? Theme.danger : Theme.mutedText
            text: first.text.length > 0 ? root.history.strengthHint(first.text)
                                        : qsTr("Several words you can remember make a good passphrase.")
        }
        TextField {
            id: second
            objectName: "repeatPassphraseField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("The same passphrase again")
            Accessible.name: qsTr("Repeat the passphrase")
            onAccepted: if (root.acceptable) root.accept()
        }
        Label {
            Layout.fillWidth: true
            visible: second.text.length > 0 && !root.matching
            text: qsTr("The two passphrases differ.")
            color: Theme.danger
            font.pointSize: Theme.smallFontSize
        }
    }

    footer: DialogButtonBox {
        background: Rectangle { color: Theme.background; radius: Theme.radius }
        Button { text: qsTr("Cancel"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        Button {
            objectName: "confirmEncryptButton"
            text: qsTr("Encrypt")
            highlighted: true
            enabled: root.acceptable
            Accessible.name: qsTr("Encrypt the history")
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
