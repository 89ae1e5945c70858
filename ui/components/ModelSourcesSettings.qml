import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Settings → Models from other apps: one switch per store Hearth looks in (Hugging Face cache,
// LM Studio, Ollama), the folders it looks at, and listing forgotten models again.
GroupBox {
    id: root
    required property ModelsController models

    objectName: "modelSourcesSettings"
    title: qsTr("Models from other apps")

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pointSize: Theme.smallFontSize
            text: qsTr("Hearth uses the models these apps downloaded where they are, without copying them, and never changes or deletes their files.")
        }
        Repeater {
            model: root.models.sources
            delegate: ColumnLayout {
                id: source
                required property var modelData
                Layout.fillWidth: true
                spacing: 0
                Switch {
                    id: sourceSwitch
                    objectName: "sourceSwitch_" + source.modelData.key
                    text: source.modelData.label
                    checked: source.modelData.enabled
                    Accessible.name: qsTr("Use models from %1").arg(source.modelData.label)
                    onToggled: root.models.setSourceEnabled(source.modelData.key, sourceSwitch.checked)
                }
                Label {
                    Layout.fillWidth: true
                    Layout.leftMargin: 8
                    text: source.modelData.folders
                    color: Theme.mutedText
                    font.pointSize: Theme.smallFontSize
                    elide: Text.ElideMiddle
                }
            }
        }
        Button {
            objectName: "rememberForgottenButton"
            visible: root.models.forgottenCount > 0
            text: qsTr("List %n forgotten model(s) again", "", root.models.forgottenCount)
            onClicked: root.models.rememberForgotten()
        }
    }
}
