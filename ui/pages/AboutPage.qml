import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

Item {
    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 12
        Label {
            text: qsTr("Hearth")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: qsTr("Version %1. Private, offline chat with open language models. Models run on this computer's GPU through Hearth's own Vulkan engine; conversations are kept in a database in your data folder. Nothing is sent anywhere, except the model downloads you ask for.").arg(Qt.application.version)
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("Released under the MIT license. Models have licenses of their own; see each model's card.")
        }
    }
}
