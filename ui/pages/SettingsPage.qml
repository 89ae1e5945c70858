import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Generation, appearance and folders. Every change is saved at once and used by the next answer.
ScrollView {
    id: root
    property ChatController controller
    property NetworkGate networkGate
    property HistoryController history
    property LocalApiController localApi
    property ModelsController models
    property bool idle: true // no answer or summary is being written (for Privacy)
    signal pageRequested(string name)
    readonly property GenerationSettings generation: controller.settings
    readonly property AppSettings app: controller.appSettings

    contentWidth: availableWidth

    component SettingLabel: Label {
        Layout.alignment: Qt.AlignRight | Qt.AlignVCenter
        color: Theme.text
    }
    component Hint: Label {
        Layout.columnSpan: 2
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        color: Theme.mutedText
        font.pointSize: Theme.smallFontSize
    }

    ColumnLayout {
        width: Math.min(root.availableWidth - 48, 720)
        x: (root.availableWidth - width) / 2
        spacing: 16

        Label {
            Layout.topMargin: 24
            text: qsTr("Settings")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
        }

        GroupBox {
            title: qsTr("Answers")
            Layout.fillWidth: true
            GridLayout {
                anchors.fill: parent
                columns: 2
                columnSpacing: 16

                SettingLabel { text: qsTr("Temperature") }
                SpinBox {
                    from: 0; to: 200; stepSize: 5; editable: true
                    value: Math.round(root.generation.temperature * 100)
                    textFromValue: (v, locale) => (v / 100).toFixed(2)
                    valueFromText: (t, locale) => Math.round(parseFloat(t) * 100)
                    onValueModified: root.generation.temperature = value / 100
                    Accessible.name: qsTr("Temperature")
                }
                SettingLabel { text: qsTr("Top-p") }
                SpinBox {
                    from: 0; to: 100; stepSize: 1; editable: true
                    value: Math.round(root.generation.topP * 100)
                    textFromValue: (v, locale) => (v / 100).toFixed(2)
                    valueFromText: (t, locale) => Math.round(parseFloat(t) * 100)
                    onValueModified: root.generation.topP = value / 100
                    Accessible.name: qsTr("Top-p")
                }
                SettingLabel { text: qsTr("Top-k") }
                SpinBox {
                    from: 0; to: 1000; editable: true
                    value: root.generation.topK
                    onValueModified: root.generation.topK = value
                    Accessible.name: qsTr("Top-k")
                }
                SettingLabel { text: qsTr("Min-p") }
                SpinBox {
                    from: 0; to: 100; editable: true
                    value: Math.round(root.generation.minP * 100)
                    textFromValue: (v, locale) => (v / 100).toFixed(2)
                    valueFromText: (t, locale) => Math.round(parseFloat(t) * 100)
                    onValueModified: root.generation.minP = value / 100
                    Accessible.name: qsTr("Min-p")
                }
                SettingLabel { text: qsTr("Repeat penalty") }
                SpinBox {
                    from: 100; to: 200; stepSize: 1; editable: true
                    value: Math.round(root.generation.repeatPenalty * 100)
                    textFromValue: (v, locale) => (v / 100).toFixed(2)
                    valueFromText: (t, locale) => Math.round(parseFloat(t) * 100)
                    onValueModified: root.generation.repeatPenalty = value / 100
                    Accessible.name: qsTr("Repeat penalty")
                }
                SettingLabel { text: qsTr("Longest answer (tokens)") }
                SpinBox {
                    from: 16; to: 32768; stepSize: 64; editable: true
                    value: root.generation.maxTokens
                    onValueModified: root.generation.maxTokens = value
                    Accessible.name: qsTr("Longest answer in tokens")
                }
                SettingLabel { text: qsTr("Context length (tokens)") }
                SpinBox {
                    from: 256; to: 131072; stepSize: 1024; editable: true
                    value: root.generation.contextLength
                    onValueModified: root.generation.contextLength = value
                    Accessible.name: qsTr("Context length in tokens")
                }
                Hint { text: qsTr("The context length applies when a model is next loaded.") }
                SettingLabel { text: qsTr("Default system prompt"); Layout.alignment: Qt.AlignRight | Qt.AlignTop }
                TextBox {
                    Layout.fillWidth: true
                    Layout.minimumHeight: 80
                    text: root.generation.systemPrompt
                    placeholderText: qsTr("e.g. You are a concise, careful assistant.")
                    onEditingFinished: root.generation.systemPrompt = text
                    Accessible.name: qsTr("Default system prompt")
                }
            }
        }

        GroupBox {
            title: qsTr("Appearance and device")
            Layout.fillWidth: true
            GridLayout {
                anchors.fill: parent
                columns: 2
                columnSpacing: 16

                SettingLabel { text: qsTr("Theme") }
                ComboBox {
                    readonly property var values: ["system", "light", "dark"]
                    model: [qsTr("Follow system"), qsTr("Light"), qsTr("Dark")]
                    currentIndex: values.indexOf(root.app.theme)
                    onActivated: index => root.app.theme = values[index]
                    Accessible.name: qsTr("Theme")
                }
                SettingLabel { text: qsTr("Text size") }
                Slider {
                    from: 0.75; to: 2.0; stepSize: 0.05
                    value: root.app.fontScale
                    onMoved: root.app.fontScale = value
                    Accessible.name: qsTr("Text size")
                }
                SettingLabel { text: qsTr("GPU") }
                ComboBox {
                    id: devicePicker
                    Layout.fillWidth: true
                    model: [qsTr("Best available")].concat(root.app.availableDevices())
                    currentIndex: Math.max(0, model.indexOf(root.app.device))
                    onActivated: index => root.app.device = index === 0 ? "" : model[index]
                    Accessible.name: qsTr("GPU device")
                }
                Hint { text: qsTr("A new GPU choice applies when a model is next loaded.") }
            }
        }

        GroupBox {
            title: qsTr("Network")
            Layout.fillWidth: true
            GridLayout {
                anchors.fill: parent
                columns: 2
                columnSpacing: 16
                SettingLabel { text: qsTr("Offline mode") }
                Switch {
                    objectName: "settingsOfflineSwitch"
                    checked: root.networkGate.offline
                    onToggled: root.networkGate.offline = checked
                    Accessible.name: qsTr("Offline mode")
                }
                Hint { text: qsTr("Refuses every network request: searches and downloads of models. Downloads pause and go on when it is turned off. Chats never use the network.") }
                SettingLabel { text: qsTr("Save the network log") }
                Switch {
                    checked: root.networkGate.saveLog
                    onToggled: root.networkGate.saveLog = checked
                    Accessible.name: qsTr("Save the network log to a file")
                }
                Hint { text: qsTr("Appends each request to %1 (hearth-cli network-log prints it).").arg(root.networkGate.logPath) }
                Item { implicitWidth: 1 }
                Button {
                    text: qsTr("Show the network log")
                    onClicked: root.pageRequested("network")
                }
            }
        }

        LocalApiSettings {
            Layout.fillWidth: true
            api: root.localApi
            onLogRequested: root.pageRequested("apilog")
        }

        PrivacySettings {
            Layout.fillWidth: true
            history: root.history
            idle: root.idle
        }

        ModelSourcesSettings {
            Layout.fillWidth: true
            models: root.models
        }

        GroupBox {
            title: qsTr("Folders")
            Layout.fillWidth: true
            Layout.bottomMargin: 24
            GridLayout {
                anchors.fill: parent
                columns: 2
                columnSpacing: 16
                SettingLabel { text: qsTr("Data") }
                Label {
                    Layout.fillWidth: true
                    text: root.app.dataDir
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                SettingLabel { text: qsTr("Models") }
                TextField {
                    Layout.fillWidth: true
                    text: root.app.modelsDir
                    onEditingFinished: { root.app.modelsDir = text; root.controller.refreshInstalledModels() }
                    Accessible.name: qsTr("Models folder")
                }
            }
        }
    }
}
