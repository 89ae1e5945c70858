import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// One message of the chat: the user's on the right in a bubble, the assistant's as rendered
// Markdown with code blocks, its collapsed thinking, statistics, errors with Retry, and actions.
Item {
    id: root

    required property var messageId
    required property string role
    required property string content
    required property var blocks
    required property string reasoning
    required property bool streaming
    required property string stats
    required property int siblingIndex
    required property int siblingCount
    required property string error
    required property var citations // [{label, link}]: the answer's sources, as buttons too

    property bool editing: false
    readonly property bool isUser: role === "user"

    signal copyRequested(string text)
    signal editRequested(var messageId, string text)
    signal regenerateRequested(var messageId)
    signal siblingRequested(var messageId, int step)
    signal linkRequested(var messageId, string link) // a citation, or a link to open outside

    implicitHeight: column.implicitHeight + 20
    width: ListView.view ? ListView.view.width : 600

    ColumnLayout {
        id: column
        width: Math.min(root.width - 48, Theme.contentWidth)
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.top: parent.top
        anchors.topMargin: 10
        spacing: 4

        Label {
            text: root.isUser ? qsTr("You") : qsTr("Assistant")
            color: Theme.mutedText
            font.pointSize: Theme.smallFontSize
            font.bold: true
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
        }

        // The user's message, or its editor.
        Rectangle {
            visible: root.isUser
            Layout.alignment: Qt.AlignRight
            Layout.maximumWidth: column.width * 0.85
            implicitWidth: root.editing ? column.width * 0.85 : userText.implicitWidth + 28
            implicitHeight: (root.editing ? editor.implicitHeight + editButtons.implicitHeight + 8 : userText.implicitHeight) + 20
            radius: Theme.radius * 1.5
            color: Theme.userBubble

            TextEdit {
                id: userText
                visible: !root.editing
                anchors.fill: parent
                anchors.margins: 10
                anchors.leftMargin: 14
                anchors.rightMargin: 14
                text: root.content
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.Wrap
                color: Theme.text
                font.pointSize: Theme.fontSize
                selectionColor: Theme.accent
                selectedTextColor: Theme.accentText
                Accessible.name: qsTr("Your message")
            }
            ColumnLayout {
                visible: root.editing
                anchors.fill: parent
                anchors.margins: 10
                TextBox {
                    id: editor
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Edit your message")
                    Keys.onEscapePressed: root.editing = false
                }
                RowLayout {
                    id: editButtons
                    Layout.alignment: Qt.AlignRight
                    Button { text: qsTr("Cancel"); onClicked: root.editing = false }
                    Button {
                        text: qsTr("Save and send")
                        highlighted: true
                        onClicked: { root.editing = false; root.editRequested(root.messageId, editor.text) }
                    }
                }
            }
        }

        // The assistant's thinking, collapsed by default.
        ColumnLayout {
            visible: !root.isUser && root.reasoning.length > 0
            Layout.fillWidth: true
            spacing: 2
            Button {
                id: thinkingToggle
                checkable: true
                flat: true
                text: (checked ? "▾ " : "▸ ") + (root.streaming && root.content.length === 0 ? qsTr("Thinking…") : qsTr("Thoughts"))
                Accessible.name: checked ? qsTr("Hide thinking") : qsTr("Show thinking")
            }
            Label {
                visible: thinkingToggle.checked
                Layout.fillWidth: true
                Layout.leftMargin: 12
                text: root.reasoning
                wrapMode: Text.Wrap
                color: Theme.mutedText
                font.italic: true
            }
        }

        // The answer: prose as Markdown, code in blocks of its own.
        Repeater {
            model: root.isUser ? [] : root.blocks
            delegate: Loader {
                required property var modelData
                Layout.fillWidth: true
                sourceComponent: modelData.kind === "code" ? codeComponent : proseComponent
                Component {
                    id: proseComponent
                    TextEdit {
                        objectName: "prose"
                        text: modelData.text
                        textFormat: TextEdit.MarkdownText
                        readOnly: true
                        selectByMouse: true
                        wrapMode: TextEdit.Wrap
                        color: Theme.text
                        font.pointSize: Theme.fontSize
                        selectionColor: Theme.accent
                        selectedTextColor: Theme.accentText
                        onLinkActivated: link => root.linkRequested(root.messageId, link)
                        Accessible.name: qsTr("Answer")
                        HoverHandler { cursorShape: parent.hoveredLink ? Qt.PointingHandCursor : Qt.IBeamCursor }
                    }
                }
                Component {
                    id: codeComponent
                    CodeBlock {
                        code: modelData.text
                        language: modelData.language
                        onCopyRequested: text => root.copyRequested(text)
                    }
                }
            }
        }

        BusyIndicator {
            visible: root.streaming && root.content.length === 0 && root.reasoning.length === 0
            running: visible
            implicitWidth: 28
            implicitHeight: 28
            Accessible.name: qsTr("Generating")
        }

        // The sources an answer cites, reachable by keyboard (the links in the text are not).
        Flow {
            objectName: "citationButtons"
            visible: !root.isUser && !root.streaming && root.citations.length > 0
            Layout.fillWidth: true
            spacing: 4
            Label {
                text: qsTr("Sources:")
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
                height: sourcesRepeater.count > 0 ? implicitHeight + 8 : implicitHeight
                verticalAlignment: Text.AlignVCenter
            }
            Repeater {
                id: sourcesRepeater
                model: root.citations
                delegate: IconButton {
                    required property var modelData
                    objectName: "citationButton"
                    glyph: modelData.label
                    tip: qsTr("Show the cited text (%1)").arg(modelData.label)
                    font.pointSize: Theme.smallFontSize
                    onClicked: root.linkRequested(root.messageId, modelData.link)
                }
            }
        }

        RowLayout {
            visible: root.error.length > 0
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: root.error
                color: Theme.danger
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
            }
            Button { text: qsTr("Retry"); onClicked: root.regenerateRequested(root.messageId) }
        }

        RowLayout {
            visible: !root.streaming
            Layout.alignment: root.isUser ? Qt.AlignRight : Qt.AlignLeft
            spacing: 2
            Label {
                visible: root.stats.length > 0
                text: root.stats
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
                rightPadding: 8
            }
            BranchSwitcher {
                index: root.siblingIndex
                count: root.siblingCount
                onPrevious: root.siblingRequested(root.messageId, -1)
                onNext: root.siblingRequested(root.messageId, 1)
            }
            IconButton { glyph: qsTr("Copy"); tip: qsTr("Copy message"); onClicked: root.copyRequested(root.content) }
            IconButton {
                visible: root.isUser
                glyph: "✎"
                tip: qsTr("Edit message")
                onClicked: { editor.text = root.content; root.editing = true; editor.forceActiveFocus() }
            }
            IconButton {
                visible: !root.isUser
                glyph: "↻"
                tip: qsTr("Regenerate answer")
                onClicked: root.regenerateRequested(root.messageId)
            }
        }
    }
}
