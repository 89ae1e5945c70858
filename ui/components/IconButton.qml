import QtQuick
import QtQuick.Controls
import Hearth

// A small flat button showing a glyph, with a tooltip and an accessible name.
ToolButton {
    id: root
    property string glyph
    property string tip

    text: glyph
    flat: true
    font.pointSize: Theme.fontSize
    focusPolicy: Qt.StrongFocus
    Accessible.name: tip
    ToolTip.visible: hovered && tip.length > 0
    ToolTip.text: tip
    ToolTip.delay: 500
    contentItem: Label {
        text: root.glyph
        color: root.enabled ? Theme.text : Theme.mutedText
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius / 2
        color: root.down ? Theme.selected : (root.hovered || root.visualFocus ? Theme.hover : "transparent")
        border.color: root.visualFocus ? Theme.accent : "transparent"
    }
}
