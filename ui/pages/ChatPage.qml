import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The conversation on screen and the message box. Follows a streaming answer only while the
// user is at the bottom; scrolling up to read stops the following until they come back down.
Item {
    id: root
    property ChatController controller
    property ModelsController models
    signal pageRequested(string name)

    function focusInput() { input.focusInput() }

    SystemPromptDialog {
        id: promptDialog
        prompt: root.controller.systemPrompt
        onSaveRequested: text => root.controller.setSystemPrompt(text)
        onUseDefaultRequested: root.controller.useDefaultSystemPrompt()
        onClosed: root.focusInput()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        ChatHeader {
            Layout.fillWidth: true
            title: root.controller.currentTitle
            prompt: root.controller.systemPrompt
            onEditPromptRequested: promptDialog.open()
        }

        Rectangle {
            objectName: "incognitoBanner"
            Layout.fillWidth: true
            visible: root.controller.incognito
            implicitHeight: incognitoText.implicitHeight + 12
            color: Theme.hover
            Label {
                id: incognitoText
                anchors.fill: parent
                anchors.margins: 6
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.text
                font.bold: true
                text: qsTr("Incognito: this chat is never saved. It is gone when you start a new chat or close Hearth.")
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
        }

        ListView {
            id: list
            objectName: "messageList"
            property bool followEnd: true

            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: count > 0
            clip: true
            model: root.controller.messages
            bottomMargin: 16
            Accessible.name: qsTr("Messages")
            ScrollBar.vertical: ScrollBar {}
            onMovementEnded: followEnd = atYEnd
            onContentHeightChanged: if (followEnd) Qt.callLater(positionViewAtEnd)
            onCountChanged: { followEnd = true; Qt.callLater(positionViewAtEnd) }
            delegate: MessageDelegate {
                onCopyRequested: text => root.controller.copyText(text)
                onEditRequested: (id, text) => root.controller.editMessage(id, text)
                onRegenerateRequested: id => root.controller.regenerate(id)
                onSiblingRequested: (id, step) => root.controller.showSibling(id, step)
            }
        }

        WelcomePage {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: list.count === 0
            controller: root.controller
            models: root.models
            onPageRequested: name => root.pageRequested(name)
        }

        ChatInput {
            id: input
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.margins: 16
            ready: root.controller.model.ready
            generating: root.controller.generating
            disabledReason: root.controller.model.busy
                            ? qsTr("Loading the model…")
                            : qsTr("Load a model to start chatting: choose one at the top, or download one on the Models page.")
            onSendRequested: text => root.controller.send(text)
            onStopRequested: root.controller.stop()
        }
    }
    Connections {
        target: root.controller.model
        function onChanged() { if (root.controller.model.ready) input.focusInput() }
    }
}
