import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The text a citation of a summary points to: the page, section or lines of the document.
Dialog {
    id: root
    property string body

    objectName: "citationPopup"
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 640, 640)
    height: Math.min(parent ? parent.height - 96 : 480, 480)
    anchors.centerIn: parent
    standardButtons: Dialog.Close
    onOpened: text.forceActiveFocus()

    function show(title, body) {
        root.title = title
        root.body = body
        open()
    }

    background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }

    ScrollView {
        anchors.fill: parent
        TextArea {
            id: text
            objectName: "citationText"
            text: root.body
            readOnly: true
            wrapMode: TextEdit.Wrap
            color: Theme.text
            background: null
            Accessible.name: qsTr("Cited text")
        }
    }
}
