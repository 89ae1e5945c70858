import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// The conversation on screen and the message box. Follows a streaming answer only while the
// user is at the bottom; scrolling up to read stops the following until they come back down.
// Documents attached to the conversation show as cards above it; files dropped on the page, or
// chosen with the input's Attach button, are attached.
Item {
    id: root
    property ChatController controller
    property ModelsController models
    property DocumentsController documents
    signal pageRequested(string name)

    function focusInput() { input.focusInput() }

    SystemPromptDialog {
        id: promptDialog
        prompt: root.controller.systemPrompt
        onSaveRequested: text => root.controller.setSystemPrompt(text)
        onUseDefaultRequested: root.controller.useDefaultSystemPrompt()
        onClosed: root.focusInput()
    }

    FileDialog {
        id: attachDialog
        title: qsTr("Attach a document")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Documents (*.pdf *.docx *.odt *.epub *.html *.htm *.xhtml *.md *.markdown *.txt *.text)"),
                      qsTr("All files (*)")]
        onAccepted: root.documents.attachUrls(selectedFiles)
    }
    PasswordDialog {
        id: passwordDialog
        onPasswordGiven: (path, password) => root.documents.attachWithPassword(path, password)
        onClosed: root.focusInput()
    }
    CitationPopup { id: citationPopup; onClosed: root.focusInput() }
    Connections {
        target: root.documents
        function onPasswordRequired(path, fileName, wrong) { passwordDialog.ask(path, fileName, wrong) }
        function onCitationShown(title, text) { citationPopup.show(title, text) }
    }

    DropArea {
        id: dropArea
        objectName: "documentDropArea"
        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: drop => {
            root.documents.attachUrls(drop.urls)
            drop.acceptProposedAction()
        }
    }
    Rectangle {
        anchors.fill: parent
        visible: dropArea.containsDrag
        z: 2
        color: Theme.hover
        opacity: 0.85
        border.color: Theme.accent
        border.width: 2
        Label {
            anchors.centerIn: parent
            text: qsTr("Drop to attach to this conversation")
            color: Theme.text
            font.pointSize: Theme.titleFontSize
        }
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

        ColumnLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentWidth
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            Layout.topMargin: visible ? 8 : 0
            visible: cards.count > 0 || root.documents.importing
            spacing: 6
            Repeater {
                id: cards
                model: root.documents.attached
                delegate: DocumentCard {
                    Layout.fillWidth: true
                    documents: root.documents
                }
            }
            RowLayout {
                visible: root.documents.importing
                Layout.fillWidth: true
                BusyIndicator { running: visible; implicitWidth: 24; implicitHeight: 24; Accessible.name: qsTr("Reading the document") }
                Label {
                    objectName: "importText"
                    Layout.fillWidth: true
                    text: root.documents.importText
                    elide: Text.ElideRight
                    color: Theme.mutedText
                }
                Button {
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Stop reading the document")
                    onClicked: root.documents.cancelImport()
                }
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
                onLinkRequested: (id, link) => root.documents.openLink(id, link)
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
            ready: root.controller.model.ready && !root.documents.summary.running
            generating: root.controller.generating
            canAttach: !root.documents.importing
            disabledReason: root.documents.summary.running
                            ? qsTr("A summary is being written; wait for it or cancel it on its card.")
                            : root.controller.model.busy
                            ? qsTr("Loading the model…")
                            : qsTr("Load a model to start chatting: choose one at the top, or download one on the Models page.")
            onSendRequested: text => root.controller.send(text)
            onStopRequested: root.controller.stop()
            onAttachRequested: attachDialog.open()
        }
    }
    Connections {
        target: root.controller.model
        function onChanged() { if (root.controller.model.ready) input.focusInput() }
    }
}
