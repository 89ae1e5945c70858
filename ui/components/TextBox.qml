import QtQuick
import QtQuick.Controls
import Hearth

// A multi-line text field with a visible frame, where Tab and Shift+Tab move the focus on as in
// every other field, so keyboard users never get stuck in it (a tab character is not something
// a chat message or a system prompt needs).
TextArea {
    id: root

    wrapMode: TextEdit.Wrap
    color: Theme.text
    placeholderTextColor: Theme.mutedText
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius / 2
        border.color: root.activeFocus ? Theme.accent : Theme.border
    }
    Keys.onTabPressed: event => {
        root.nextItemInFocusChain(true).forceActiveFocus(Qt.TabFocusReason)
        event.accepted = true
    }
    Keys.onBacktabPressed: event => {
        root.nextItemInFocusChain(false).forceActiveFocus(Qt.BacktabFocusReason)
        event.accepted = true
    }
}
