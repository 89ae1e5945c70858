import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Edits the system prompt of the conversation on screen: shows the prompt the next answer will
// use, saves an override for this conversation, or goes back to the default from Settings.
Dialog {
    id: root
    property ConversationPrompt prompt
    signal saveRequested(string text)
    signal useDefaultRequested()

    title: qsTr("System prompt for this conversation")
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 560, 560)
    anchors.centerIn: parent
    onAboutToShow: { editor.text = root.prompt.text; editor.forceActiveFocus() }

    background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }

    ColumnLayout {
        anchors.fill: parent
        spacing: 10
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: root.prompt.overridden ? qsTr("This conversation uses its own system prompt.")
                                         : qsTr("This conversation uses the default system prompt from Settings.")
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 160
            TextBox {
                id: editor
                objectName: "systemPromptEditor"
                placeholderText: qsTr("e.g. You are a concise, careful assistant.")
                Accessible.name: qsTr("System prompt")
            }
        }
    }

    footer: DialogButtonBox {
        background: Rectangle { color: Theme.background; radius: Theme.radius }
        Button {
            objectName: "useDefaultButton"
            text: qsTr("Use default")
            enabled: root.prompt.overridden
            DialogButtonBox.buttonRole: DialogButtonBox.ResetRole
            onClicked: { root.useDefaultRequested(); root.close() }
        }
        Button {
            text: qsTr("Cancel")
            DialogButtonBox.buttonRole: DialogButtonBox.RejectRole
        }
        Button {
            objectName: "saveSystemPromptButton"
            text: qsTr("Save")
            highlighted: true
            DialogButtonBox.buttonRole: DialogButtonBox.AcceptRole
        }
    }
    onAccepted: root.saveRequested(editor.text)
}
