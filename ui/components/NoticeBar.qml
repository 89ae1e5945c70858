import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A one-line banner for errors and warnings the user should see (a failed save, a replaced
// chat template); stays until dismissed.
Rectangle {
    id: root
    property string text
    signal dismissed()

    visible: text.length > 0
    implicitHeight: visible ? row.implicitHeight + 16 : 0
    color: Theme.warningBackground

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 8
        Label {
            Layout.fillWidth: true
            text: root.text
            color: Theme.text
            wrapMode: Text.Wrap
            Accessible.role: Accessible.AlertMessage
        }
        IconButton { glyph: "✕"; tip: qsTr("Dismiss"); onClicked: root.dismissed() }
    }
}
