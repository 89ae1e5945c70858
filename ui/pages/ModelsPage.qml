import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// The models on this computer: use one, or add a local file.
ScrollView {
    id: root
    property ChatController controller
    signal modelChosen()

    contentWidth: availableWidth

    FileDialog {
        id: fileDialog
        title: qsTr("Add a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: { root.controller.loadModel(selectedFile); root.modelChosen() }
    }

    ColumnLayout {
        width: Math.min(root.availableWidth - 48, 820)
        x: (root.availableWidth - width) / 2
        spacing: 12

        RowLayout {
            Layout.topMargin: 24
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("Models")
                font.pointSize: Theme.titleFontSize
                font.bold: true
                color: Theme.text
            }
            Button { text: qsTr("Add local file…"); onClicked: fileDialog.open() }
        }
        Label {
            text: qsTr("On this computer")
            font.bold: true
            color: Theme.text
        }
        Label {
            visible: root.controller.installedModels.length === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("No models yet. Put .gguf files in %1 or add one with “Add local file…”.").arg(root.controller.appSettings.modelsDir)
        }
        Repeater {
            model: root.controller.installedModels
            delegate: Rectangle {
                required property string modelData
                Layout.fillWidth: true
                implicitHeight: 56
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: 12
                    Label {
                        Layout.fillWidth: true
                        text: modelData.split("/").pop()
                        elide: Text.ElideMiddle
                        color: Theme.text
                    }
                    Button {
                        text: root.controller.model.path === modelData && root.controller.model.ready ? qsTr("In use") : qsTr("Use")
                        enabled: !(root.controller.model.path === modelData && root.controller.model.ready)
                        Accessible.name: qsTr("Use %1").arg(modelData.split("/").pop())
                        onClicked: { root.controller.loadModel(modelData); root.modelChosen() }
                    }
                }
            }
        }
    }
}
