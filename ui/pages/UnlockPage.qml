import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Covers the whole window while the history is encrypted and locked: nothing of it is shown
// before the passphrase is given. A wrong one is said plainly; nothing is changed.
Rectangle {
    id: root
    required property HistoryController history

    objectName: "unlockPage"
    color: Theme.background
    // Clicks and keys stop here: the window beneath stays out of reach until unlocked.
    MouseArea { anchors.fill: parent; acceptedButtons: Qt.AllButtons }
    Keys.onPressed: event => event.accepted = true

    function focusPassphrase() { passphrase.forceActiveFocus() }
    onVisibleChanged: if (visible) focusPassphrase()
    Component.onCompleted: if (visible) focusPassphrase()

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(root.width - 48, 420)
        spacing: 12

        Label {
            Layout.fillWidth: true
            text: qsTr("Your history is encrypted")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
            wrapMode: Text.Wrap
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Enter your passphrase to see your conversations and documents.")
            color: Theme.text
            wrapMode: Text.Wrap
        }
        TextField {
            id: passphrase
            objectName: "unlockPassphraseField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            enabled: !root.history.busy
            placeholderText: qsTr("Passphrase")
            Accessible.name: qsTr("Passphrase of your history")
            onTextEdited: root.history.clearError()
            onAccepted: unlockButton.clicked()
        }
        Label {
            objectName: "unlockError"
            Layout.fillWidth: true
            visible: text.length > 0
            text: root.history.error
            color: Theme.danger
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
        }
        RowLayout {
            Layout.fillWidth: true
            BusyIndicator {
                running: root.history.busy
                visible: running
                implicitWidth: 28
                implicitHeight: 28
                Accessible.name: qsTr("Unlocking")
            }
            Item { Layout.fillWidth: true }
            Button {
                id: unlockButton
                objectName: "unlockButton"
                text: qsTr("Unlock")
                highlighted: true
                enabled: passphrase.text.length > 0 && !root.history.busy
                Accessible.name: qsTr("Unlock the history")
                onClicked: {
                    root.history.unlock(passphrase.text)
                    passphrase.clear()
                }
            }
        }
    }
}
