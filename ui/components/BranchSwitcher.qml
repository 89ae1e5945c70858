import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// ‹ 2/3 ›: moves between the versions of a message that edits and regenerations created.
RowLayout {
    id: root
    property int index: 1
    property int count: 1
    signal previous()
    signal next()

    visible: count > 1
    spacing: 0
    IconButton { objectName: "previousButton"; glyph: "‹"; tip: qsTr("Previous version"); enabled: root.index > 1; onClicked: root.previous() }
    Label {
        text: qsTr("%1/%2").arg(root.index).arg(root.count)
        color: Theme.mutedText
        font.pointSize: Theme.smallFontSize
        Accessible.name: qsTr("Version %1 of %2").arg(root.index).arg(root.count)
    }
    IconButton { objectName: "nextButton"; glyph: "›"; tip: qsTr("Next version"); enabled: root.index < root.count; onClicked: root.next() }
}
