import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The passphrase in use, once: to remove the encryption, or to finish an encryption that was
// stopped part-way.
Dialog {
    id: root
    property string prompt
    property string actionText
    signal passphraseGiven(string passphrase)

    function ask(title, prompt, actionText) {
        root.title = title
        root.prompt = prompt
        root.actionText = actionText
        open()
    }

    objectName: "passphraseDialog"
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 440, 440)
    anchors.centerIn: parent
    onOpened: { passphrase.clear(); passphrase.forceActiveFocus() }
    onAccepted: {
        root.passphraseGiven(passphrase.text)
        passphrase.clear()
    }

    background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: root.prompt
        }
        TextField {
            id: passphrase
            objectName: "passphraseField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Passphrase")
            Accessible.name: qsTr("Passphrase of your history")
            onAccepted: if (text.length > 0) root.accept()
        }
    }

    footer: DialogButtonBox {
        background: Rectangle { color: Theme.background; radius: Theme.radius }
        Button { text: qsTr("Cancel"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        Button {
            objectName: "confirmPassphraseButton"
            text: root.actionText
            highlighted: true
            enabled: passphrase.text.length > 0
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
