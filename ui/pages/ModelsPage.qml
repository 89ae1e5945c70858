import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import Hearth

// Getting models: the curated catalog, the models on this computer, and Hugging Face search.
Item {
    id: root
    property ChatController controller
    property ModelsController models
    signal modelChosen()

    function use(path) {
        controller.loadModel(path)
        modelChosen()
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Add a GGUF model")
        nameFilters: [qsTr("GGUF models (*.gguf)")]
        onAccepted: root.models.importFile(selectedFile)
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.topMargin: 16
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: 860
            Layout.alignment: Qt.AlignHCenter
            Layout.leftMargin: 24
            Layout.rightMargin: 24
            Label {
                Layout.fillWidth: true
                text: qsTr("Models")
                font.pointSize: Theme.titleFontSize
                font.bold: true
                color: Theme.text
            }
            Button { text: qsTr("Add local file…"); onClicked: fileDialog.open() }
        }
        TabBar {
            id: tabs
            objectName: "modelsTabs"
            Layout.fillWidth: true
            Layout.maximumWidth: 860
            Layout.alignment: Qt.AlignHCenter
            // Basic style: the open tab in the page's colours, the others recessed (not accent,
            // which Main.qml gives palette.dark for highlighted buttons).
            palette.window: Theme.background
            palette.windowText: Theme.text
            palette.dark: Theme.surface
            palette.brightText: Theme.mutedText
            TabButton { text: qsTr("Catalog") }
            TabButton { text: qsTr("On this computer (%1)").arg(root.models.installed.length) }
            TabButton { text: qsTr("Search Hugging Face") }
        }
        Label {
            visible: root.models.error.length > 0
            Layout.fillWidth: true
            Layout.maximumWidth: 860
            Layout.alignment: Qt.AlignHCenter
            text: root.models.error
            color: Theme.danger
            wrapMode: Text.Wrap
        }

        StackLayout {
            currentIndex: tabs.currentIndex
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                clip: true
                spacing: 8
                model: root.models.catalog
                ScrollBar.vertical: ScrollBar {}
                delegate: CatalogDelegate {
                    width: Math.min(ListView.view.width - 48, 860)
                    x: (ListView.view.width - width) / 2
                    onDownloadRequested: id => root.models.download(id)
                    onPauseRequested: id => root.models.pause(id)
                    onResumeRequested: id => root.models.resume(id)
                    onCancelRequested: id => root.models.cancel(id)
                    onUseRequested: path => root.use(path)
                }
            }

            ListView {
                objectName: "installedList"
                clip: true
                spacing: 8
                model: root.models.installed
                ScrollBar.vertical: ScrollBar {}
                Label {
                    anchors.centerIn: parent
                    visible: parent.count === 0
                    width: Math.min(parent.width - 48, 560)
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                    color: Theme.mutedText
                    text: qsTr("No models yet. Download one from the catalog, or add a .gguf file you have.")
                }
                delegate: InstalledModelDelegate {
                    width: Math.min(ListView.view.width - 48, 860)
                    x: (ListView.view.width - width) / 2
                    onUseRequested: path => root.use(path)
                    onRemoveRequested: path => root.models.remove(path)
                }
            }

            ColumnLayout {
                spacing: 8
                RowLayout {
                    Layout.fillWidth: true
                    Layout.maximumWidth: 860
                    Layout.alignment: Qt.AlignHCenter
                    TextField {
                        id: query
                        Layout.fillWidth: true
                        placeholderText: qsTr("Search GGUF models, e.g. qwen2.5 instruct")
                        Accessible.name: qsTr("Search Hugging Face")
                        onAccepted: root.models.search(text)
                    }
                    Button { text: qsTr("Search"); onClicked: root.models.search(query.text) }
                }
                Label {
                    visible: root.models.searchStatus.length > 0
                    Layout.alignment: Qt.AlignHCenter
                    text: root.models.searchStatus
                    color: Theme.mutedText
                }
                RowLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    ListView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: root.models.searchResults
                        delegate: ItemDelegate {
                            required property var modelData
                            width: ListView.view.width
                            text: modelData.id + (modelData.gated ? qsTr(" (gated)") : "")
                            onClicked: root.models.listFiles(modelData.id)
                        }
                    }
                    ListView {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: root.models.repoFiles
                        delegate: ItemDelegate {
                            required property var modelData
                            width: ListView.view.width
                            text: qsTr("%1 (%2) — Download").arg(modelData.file).arg(modelData.size)
                            onClicked: root.models.downloadFile(modelData.repo, modelData.file, modelData.sha256, modelData.bytes)
                        }
                    }
                }
            }
        }
    }
}
