import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Asks for the password of an encrypted PDF being attached; says so plainly when the last one
// was wrong.
Dialog {
    id: root
    property string path
    property string fileName
    property bool wrongPassword: false
    signal passwordGiven(string path, string password)

    function ask(path, fileName, wrong) {
        root.path = path
        root.fileName = fileName
        root.wrongPassword = wrong
        password.text = ""
        open()
    }

    objectName: "passwordDialog"
    title: qsTr("Password for %1").arg(fileName)
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 440, 440)
    anchors.centerIn: parent
    onOpened: password.forceActiveFocus()
    onAccepted: root.passwordGiven(root.path, password.text)

    background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: root.wrongPassword ? Theme.danger : Theme.text
            text: root.wrongPassword ? qsTr("That password is wrong. Try again.")
                                     : qsTr("This PDF is encrypted. Enter its password to read it.")
            Accessible.role: root.wrongPassword ? Accessible.AlertMessage : Accessible.StaticText
        }
        TextField {
            id: password
            objectName: "passwordField"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: qsTr("Password")
            Accessible.name: qsTr("Password of %1").arg(root.fileName)
            onAccepted: root.accept()
        }
    }

    footer: DialogButtonBox {
        background: Rectangle { color: Theme.background; radius: Theme.radius }
        Button { text: qsTr("Cancel"); DialogButtonBox.buttonRole: DialogButtonBox.RejectRole }
        Button {
            objectName: "openWithPasswordButton"
            text: qsTr("Open")
            highlighted: true
            enabled: password.text.length > 0
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
}
