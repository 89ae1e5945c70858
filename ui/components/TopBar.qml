import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// The model picker (installed models, or a file), its load progress, the device in use, the
// local API's activity while it answers requests, and the offline switch.
Rectangle {
    id: root
    property ChatController controller
    property NetworkGate networkGate
    property LocalApiController localApi
    signal pageRequested(string name)

    implicitHeight: row.implicitHeight + 16
    color: Theme.background

    FileDialog {
        id: fileDialog
        title: qsTr("Open a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)"), qsTr("All files (*)")]
        onAccepted: root.controller.loadModel(selectedFile)
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 12

        ComboBox {
            id: picker
            objectName: "modelPicker"
            Layout.preferredWidth: 320
            model: root.controller.installedModels
            displayText: root.controller.model.status === ModelState.Empty ? qsTr("Choose a model…")
                                                                            : root.controller.model.name
            enabled: !root.controller.generating && !root.controller.model.busy
            Accessible.name: qsTr("Model")
            delegate: ItemDelegate {
                id: pickerItem
                required property int index
                width: picker.width
                text: root.controller.installedModelNames[pickerItem.index]
            }
            onActivated: index => root.controller.loadModel(root.controller.installedModels[index])
            Component.onCompleted: currentIndex = -1
        }
        Button {
            text: qsTr("Open file…")
            Accessible.name: qsTr("Open a model file")
            onClicked: fileDialog.open()
        }
        ProgressBar {
            visible: root.controller.model.busy
            indeterminate: root.controller.model.status === ModelState.Unloading
            Layout.preferredWidth: 160
            value: root.controller.model.progress
            Accessible.name: qsTr("Loading model")
        }
        Label {
            Layout.fillWidth: true
            elide: Text.ElideRight
            color: root.controller.model.status === ModelState.Failed ? Theme.danger : Theme.mutedText
            objectName: "modelStatus"
            text: root.controller.model.statusText
        }
        // A button, so the request log is one Tab and Enter away, not only a click.
        ToolButton {
            objectName: "apiActivity"
            visible: root.localApi !== null && root.localApi.activeRequests > 0
            palette.buttonText: Theme.accent
            text: root.localApi ? qsTr("Serving API · %n request(s)", "", root.localApi.activeRequests) : ""
            Accessible.name: text
            Accessible.description: qsTr("Opens the request log")
            onClicked: root.pageRequested("apilog")
        }
        Switch {
            objectName: "offlineSwitch"
            text: qsTr("Offline")
            checked: root.networkGate.offline
            onToggled: root.networkGate.offline = checked
            Accessible.name: qsTr("Offline mode")
            ToolTip.visible: hovered
            ToolTip.text: root.networkGate.offline ? qsTr("Offline mode is on: Hearth makes no network requests.")
                                                   : qsTr("Turn on to refuse every network request.")
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border }
}
