import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A model on this computer as a card: its name, facts and where it came from (a badge: Hearth,
// Folder, Hugging Face, LM Studio, Ollama), Use, and Delete, or Forget for another app's model,
// whose file Hearth leaves alone.
Rectangle {
    id: root
    required property var modelData
    signal useRequested(string path)
    signal removeRequested(string path)

    implicitHeight: row.implicitHeight + 24
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.margins: 12
        ColumnLayout {
            Layout.fillWidth: true
            RowLayout {
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    text: root.modelData.name
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideMiddle
                }
                Label {
                    objectName: "sourceBadge"
                    text: root.modelData.sourceLabel
                    leftPadding: 8
                    rightPadding: 8
                    topPadding: 2
                    bottomPadding: 2
                    color: Theme.text
                    font.pointSize: Theme.smallFontSize
                    background: Rectangle { radius: height / 2; color: Theme.selected; border.color: Theme.border }
                    Accessible.name: qsTr("From %1").arg(root.modelData.sourceLabel)
                    ToolTip.visible: badgeHover.hovered
                    ToolTip.text: root.modelData.path
                    HoverHandler { id: badgeHover }
                }
            }
            Label {
                Layout.fillWidth: true
                text: root.modelData.error.length > 0 ? root.modelData.error
                      : [root.modelData.architecture, root.modelData.parameters, root.modelData.format, root.modelData.size].filter(s => s && s.length > 0).join(" · ")
                color: root.modelData.error.length > 0 ? Theme.danger : Theme.mutedText
                font.pointSize: Theme.smallFontSize
                wrapMode: Text.Wrap
            }
        }
        Button {
            text: qsTr("Use")
            highlighted: enabled
            enabled: root.modelData.error.length === 0
            Accessible.name: qsTr("Use %1").arg(root.modelData.name)
            onClicked: root.useRequested(root.modelData.path)
        }
        Button {
            objectName: "removeButton"
            text: root.modelData.external ? qsTr("Forget") : qsTr("Delete")
            palette.button: Theme.selected // stands out on the card
            Accessible.name: root.modelData.external ? qsTr("Forget %1 (the file stays)").arg(root.modelData.name)
                                                     : qsTr("Delete %1").arg(root.modelData.name)
            ToolTip.visible: hovered && root.modelData.external
            ToolTip.text: qsTr("Hide it from this list; %1 keeps the file.").arg(root.modelData.sourceLabel)
            onClicked: root.removeRequested(root.modelData.path)
        }
    }
}
