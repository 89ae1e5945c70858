import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// What an empty chat shows: a greeting, and on first run the way to a model.
Item {
    id: root
    property ChatController controller
    signal pageRequested(string name)

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 560)
        spacing: 14

        Label {
            Layout.alignment: Qt.AlignHCenter
            text: root.controller.model.ready ? qsTr("How can I help?") : qsTr("Welcome to Hearth")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: root.controller.model.ready
                  ? qsTr("You are chatting with %1 on %2. Everything stays on this computer.")
                        .arg(root.controller.model.name).arg(root.controller.model.device)
                  : qsTr("Private chat with open language models, running on your own GPU. Nothing you type leaves this computer. To begin, get a model.")
        }
        RowLayout {
            visible: !root.controller.model.ready
            Layout.alignment: Qt.AlignHCenter
            spacing: 12
            Button {
                text: qsTr("Browse models")
                highlighted: true
                onClicked: root.pageRequested("models")
            }
        }
    }
}
