import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// One document on the Documents page: its name, format, pages and size, the conversations that
// use it, a search hit's passage, and Remove.
Rectangle {
    id: root
    required property var documentId
    required property string title
    required property string details
    required property string status
    required property string conversations
    required property string snippet
    signal removeRequested(var documentId, string title)

    width: ListView.view ? ListView.view.width : 600
    implicitHeight: row.implicitHeight + 16
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        anchors.leftMargin: 12
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                objectName: "libraryTitle"
                Layout.fillWidth: true
                text: root.title
                elide: Text.ElideRight
                font.bold: true
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                text: root.details + " · " + root.status
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
            }
            Label {
                Layout.fillWidth: true
                text: root.conversations.length > 0 ? qsTr("Used in: %1").arg(root.conversations)
                                                    : qsTr("Not used in any conversation")
                elide: Text.ElideRight
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
            }
            Label {
                visible: root.snippet.length > 0
                Layout.fillWidth: true
                text: root.snippet
                textFormat: Text.StyledText
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                color: Theme.text
            }
        }
        Button {
            objectName: "removeDocumentButton"
            text: qsTr("Remove")
            Accessible.name: qsTr("Remove %1").arg(root.title)
            onClicked: root.removeRequested(root.documentId, root.title)
        }
    }
}
