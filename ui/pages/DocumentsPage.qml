import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Every document Hearth has read, newest first, or those matching a search of their text; each
// with the conversations that use it, and Remove (after asking).
Item {
    id: root
    property DocumentsController documents

    function focusSearch() { searchField.forceActiveFocus() }

    Dialog {
        id: confirmRemove
        property var documentId
        property string documentTitle
        objectName: "confirmRemoveDialog"
        title: qsTr("Remove “%1”?").arg(documentTitle)
        modal: true
        anchors.centerIn: parent
        standardButtons: Dialog.Cancel | Dialog.Ok
        background: Rectangle { color: Theme.background; border.color: Theme.border; radius: Theme.radius }
        Label {
            text: qsTr("Its text and summaries are deleted and it is removed from every conversation. The file itself stays where it is.")
            wrapMode: Text.Wrap
            width: Math.min(root.width - 96, 480)
            color: Theme.text
        }
        onAccepted: root.documents.remove(documentId)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        Label {
            text: qsTr("Documents")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
        }
        TextField {
            id: searchField
            objectName: "documentSearchField"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentWidth
            placeholderText: qsTr("Search the text of every document")
            Accessible.name: qsTr("Search documents")
            onTextChanged: root.documents.search(text)
            Keys.onEscapePressed: text = ""
        }
        Label {
            visible: list.count === 0
            text: searchField.text.length > 0 ? qsTr("No document contains this.")
                                              : qsTr("No documents yet. Attach one to a chat with its Attach button, or drop a file on the chat.")
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            color: Theme.mutedText
        }
        ListView {
            id: list
            objectName: "documentList"
            Layout.fillWidth: true
            Layout.maximumWidth: Theme.contentWidth
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: root.documents.library
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.name: qsTr("Documents")
            ScrollBar.vertical: ScrollBar {}
            delegate: DocumentDelegate {
                onRemoveRequested: (id, title) => {
                    confirmRemove.documentId = id
                    confirmRemove.documentTitle = title
                    confirmRemove.open()
                }
            }
        }
    }
}
