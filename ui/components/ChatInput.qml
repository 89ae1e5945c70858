import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The message box: Enter sends, Shift+Enter starts a new line, Stop (or Esc) while an answer is
// being generated. Disabled, saying why, while no model is loaded. Attach adds a
// document to the conversation.
Rectangle {
    id: root
    property bool ready: false
    property bool generating: false
    property string disabledReason
    property bool canAttach: true

    signal sendRequested(string text)
    signal stopRequested()
    signal attachRequested()

    function focusInput() { input.forceActiveFocus() }
    function trySend() {
        if (!ready || generating || input.text.trim().length === 0)
            return
        root.sendRequested(input.text)
        input.text = ""
        input.forceActiveFocus()
    }

    implicitHeight: Math.min(row.implicitHeight, 220) + 16
    radius: Theme.radius * 1.5
    color: Theme.surface
    border.color: input.activeFocus ? Theme.accent : Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 8
        IconButton {
            objectName: "attachButton"
            Layout.alignment: Qt.AlignBottom
            glyph: qsTr("Attach")
            tip: qsTr("Attach a document (PDF, Word, OpenDocument, EPUB, HTML, Markdown, text)")
            enabled: root.canAttach
            onClicked: root.attachRequested()
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextBox {
                id: input
                objectName: "chatInput"
                enabled: root.ready
                placeholderText: root.ready ? qsTr("Message Hearth…  (Enter to send, Shift+Enter for a new line)")
                                            : root.disabledReason
                background: null
                Accessible.name: qsTr("Message")
                Keys.onPressed: event => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true
                        root.trySend()
                    }
                }
            }
        }
        Button {
            objectName: "sendButton"
            Layout.alignment: Qt.AlignBottom
            text: root.generating ? qsTr("Stop") : qsTr("Send")
            enabled: root.generating || (root.ready && input.text.trim().length > 0)
            highlighted: enabled && !root.generating
            Accessible.name: root.generating ? qsTr("Stop generating") : qsTr("Send message")
            onClicked: root.generating ? root.stopRequested() : root.trySend()
        }
    }
}
