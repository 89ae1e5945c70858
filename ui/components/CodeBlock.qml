import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A fenced code block: monospace, its language, and a Copy button.
Rectangle {
    id: root
    property string code
    property string language
    signal copyRequested(string text)

    implicitHeight: column.implicitHeight
    radius: Theme.radius
    color: Theme.codeBackground
    border.color: Theme.border

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 0
        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Label {
                Layout.fillWidth: true
                text: root.language.length > 0 ? root.language : qsTr("code")
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
            }
            IconButton {
                id: copyButton
                objectName: "copyButton"
                glyph: qsTr("Copy")
                tip: qsTr("Copy code")
                onClicked: { root.copyRequested(root.code); glyph = qsTr("Copied") }
            }
        }
        TextEdit {
            objectName: "codeText"
            Layout.fillWidth: true
            Layout.margins: 12
            text: root.code
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.WrapAnywhere
            font.family: Theme.monoFamily
            font.pointSize: Theme.smallFontSize
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            Accessible.name: qsTr("Code block")
        }
    }
}
