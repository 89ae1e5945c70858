import QtQuick
import QtQuick.Controls

ApplicationWindow {
    id: root
    width: 1100
    height: 720
    visible: true
    title: qsTr("Hearth")

    Label {
        anchors.centerIn: parent
        text: qsTr("Hearth")
        font.pixelSize: 32
    }
}
