import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// One conversation in the sidebar: its title (renamed in place), a search snippet while
// searching, and pin / rename / delete on hover or focus.
ItemDelegate {
    id: root

    required property var conversationId
    required property string title
    required property bool pinned
    required property string snippet
    property bool current: false
    property bool renaming: false

    signal openRequested(var conversationId)
    signal renameRequested(var conversationId, string title)
    signal pinRequested(var conversationId, bool pinned)
    signal deleteRequested(var conversationId)

    width: ListView.view ? ListView.view.width : 260
    Accessible.name: title
    onClicked: root.openRequested(root.conversationId)

    background: Rectangle {
        radius: Theme.radius
        color: root.current ? Theme.selected : (root.hovered || root.visualFocus ? Theme.hover : "transparent")
        border.color: root.visualFocus ? Theme.accent : "transparent"
    }

    contentItem: RowLayout {
        spacing: 4
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                visible: !root.renaming
                Layout.fillWidth: true
                text: (root.pinned ? "★ " : "") + root.title
                elide: Text.ElideRight
                color: Theme.text
            }
            TextField {
                id: renameField
                visible: root.renaming
                Layout.fillWidth: true
                text: root.title
                Accessible.name: qsTr("New title")
                onAccepted: { root.renaming = false; root.renameRequested(root.conversationId, text) }
                Keys.onEscapePressed: root.renaming = false
                onActiveFocusChanged: if (!activeFocus) root.renaming = false
            }
            Label {
                visible: root.snippet.length > 0
                Layout.fillWidth: true
                text: root.snippet
                textFormat: Text.StyledText
                elide: Text.ElideRight
                maximumLineCount: 2
                wrapMode: Text.Wrap
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
            }
        }
        IconButton {
            visible: root.hovered || root.current
            glyph: root.pinned ? "★" : "☆"
            tip: root.pinned ? qsTr("Unpin") : qsTr("Pin")
            onClicked: root.pinRequested(root.conversationId, !root.pinned)
        }
        IconButton {
            visible: root.hovered || root.current
            glyph: "✎"
            tip: qsTr("Rename")
            onClicked: { root.renaming = true; renameField.forceActiveFocus(); renameField.selectAll() }
        }
        IconButton {
            visible: root.hovered || root.current
            glyph: "✕"
            tip: qsTr("Delete")
            onClicked: root.deleteRequested(root.conversationId)
        }
    }
}
