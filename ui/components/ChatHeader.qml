import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Above the conversation: its title, and the system prompt it answers with (its own, or the
// default), which the button opens for editing.
Rectangle {
    id: root
    property string title
    property ConversationPrompt prompt
    signal editPromptRequested()

    implicitHeight: row.implicitHeight + 12
    color: Theme.background

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 24
        anchors.rightMargin: 16
        spacing: 8
        Label {
            Layout.fillWidth: true
            text: root.title.length > 0 ? root.title : qsTr("New chat")
            elide: Text.ElideRight
            font.bold: true
            color: Theme.text
            Accessible.role: Accessible.Heading
        }
        Button {
            objectName: "systemPromptButton"
            flat: true
            text: root.prompt.overridden ? qsTr("System prompt (custom)") : qsTr("System prompt")
            Accessible.name: root.prompt.overridden ? qsTr("Edit this conversation's own system prompt")
                                                    : qsTr("Set a system prompt for this conversation")
            ToolTip.visible: hovered
            ToolTip.delay: 500
            ToolTip.text: root.prompt.text.length > 0 ? root.prompt.text : qsTr("No system prompt")
            onClicked: root.editPromptRequested()
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
}
