import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// What an empty chat shows: a greeting, and on first run the way to a model.
Item {
    id: root
    property ChatController controller
    property ModelsController models
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
        Label {
            visible: !root.controller.model.ready && root.models.recommended.name !== undefined
            Layout.alignment: Qt.AlignHCenter
            text: qsTr("Recommended for this computer:")
            color: Theme.text
        }
        CatalogDelegate {
            visible: !root.controller.model.ready && root.models.recommended.name !== undefined
            Layout.fillWidth: true
            modelData: root.models.recommended
            onDownloadRequested: id => root.models.download(id)
            onPauseRequested: id => root.models.pause(id)
            onResumeRequested: id => root.models.resume(id)
            onCancelRequested: id => root.models.cancel(id)
            onUseRequested: path => root.controller.loadModel(path)
        }
        RowLayout {
            visible: !root.controller.model.ready
            Layout.alignment: Qt.AlignHCenter
            spacing: 12
            Button {
                text: qsTr("Browse all models")
                highlighted: true
                onClicked: root.pageRequested("models")
            }
        }
    }
}
