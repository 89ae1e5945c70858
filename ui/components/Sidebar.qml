import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// New chat, search over every conversation, the conversation list grouped by age, and the way
// to the Documents, Models, Network log, Settings and About pages.
Rectangle {
    id: root
    property ChatController controller
    property string currentPage
    signal pageRequested(string name)

    function focusSearch() { searchField.forceActiveFocus(); searchField.selectAll() }

    color: Theme.sidebar

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 10
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("Hearth")
                font.pointSize: Theme.titleFontSize * 0.8
                font.bold: true
                color: Theme.text
            }
        }
        Button {
            objectName: "newChatButton"
            Layout.fillWidth: true
            text: qsTr("＋  New chat")
            Accessible.name: qsTr("New chat")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Ctrl+N")
            onClicked: { root.controller.newChat(); root.pageRequested("chat") }
        }
        Button {
            objectName: "incognitoButton"
            Layout.fillWidth: true
            text: root.controller.incognito ? qsTr("Incognito chat: not saved") : qsTr("Incognito chat")
            highlighted: root.controller.incognito
            Accessible.name: qsTr("New incognito chat, never saved")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("A chat that is never written to disk and is gone when you leave it")
            onClicked: { root.controller.newIncognitoChat(); root.pageRequested("chat") }
        }
        TextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search conversations (Ctrl+F)")
            Accessible.name: qsTr("Search conversations")
            onTextChanged: root.controller.search(text)
            Keys.onEscapePressed: text = ""
        }

        ListView {
            id: list
            objectName: "conversationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 2
            model: root.controller.conversations
            keyNavigationEnabled: true
            activeFocusOnTab: true
            Accessible.name: qsTr("Conversations")
            section.property: "section"
            section.delegate: Label {
                required property string section
                text: section
                topPadding: 10
                bottomPadding: 4
                leftPadding: 8
                color: Theme.mutedText
                font.pointSize: Theme.smallFontSize
                font.bold: true
            }
            delegate: ConversationDelegate {
                current: conversationId === root.controller.currentConversationId
                onOpenRequested: id => { root.controller.openConversation(id); root.pageRequested("chat") }
                onRenameRequested: (id, title) => root.controller.rename(id, title)
                onPinRequested: (id, pinned) => root.controller.setPinned(id, pinned)
                onDeleteRequested: id => root.controller.deleteConversation(id)
            }
            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: root.controller.conversations.searching ? qsTr("Nothing found") : qsTr("No conversations yet")
                color: Theme.mutedText
            }
        }

        Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.border }
        Repeater {
            model: [
                { name: "documents", label: qsTr("Documents") },
                { name: "models", label: qsTr("Models") },
                { name: "network", label: qsTr("Network log") },
                { name: "settings", label: qsTr("Settings") },
                { name: "about", label: qsTr("About Hearth") }
            ]
            delegate: ItemDelegate {
                required property var modelData
                objectName: modelData.name + "PageButton"
                Layout.fillWidth: true
                focusPolicy: Qt.StrongFocus // delegates take no focus by default; these are the way to pages
                text: modelData.label
                highlighted: root.currentPage === modelData.name
                font.bold: highlighted
                palette.highlightedText: Theme.text // Basic style: white otherwise, on a light background
                palette.light: Theme.selected
                Accessible.name: modelData.label
                onClicked: root.pageRequested(modelData.name)
            }
        }
    }
}
