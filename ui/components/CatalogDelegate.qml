import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A catalog model as a card: what it is, its size and license, whether it fits this machine,
// and Download (with progress, pause, resume, cancel) or Use once it is here.
Rectangle {
    id: root
    required property var modelData
    signal downloadRequested(string id)
    signal pauseRequested(string id)
    signal resumeRequested(string id)
    signal cancelRequested(string id)
    signal useRequested(string path)

    readonly property string state_: modelData.state

    // A button that stands out on the card (the window's button colour is the card's own).
    component CardButton: Button { palette.button: Theme.selected }
    implicitHeight: column.implicitHeight + 24
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 12
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: root.modelData.name
                font.bold: true
                color: Theme.text
                elide: Text.ElideRight
            }
            Label {
                visible: root.modelData.fit.length > 0
                text: root.modelData.fit
                color: root.modelData.fitLevel === 0 ? Theme.text : Theme.danger
                font.pointSize: Theme.smallFontSize
            }
        }
        Label {
            Layout.fillWidth: true
            text: [root.modelData.parameters, root.modelData.format, root.modelData.size, root.modelData.license]
                  .filter(s => s && s.length > 0).join(" · ")
            color: Theme.mutedText
            font.pointSize: Theme.smallFontSize
        }
        Label {
            Layout.fillWidth: true
            text: root.modelData.description
            wrapMode: Text.Wrap
            color: Theme.text
        }
        ProgressBar {
            visible: root.state_.length > 0 && root.state_ !== "failed"
            Layout.fillWidth: true
            value: root.modelData.progress
            Accessible.name: qsTr("Download progress of %1").arg(root.modelData.name)
        }
        Label {
            visible: root.state_.length > 0
            Layout.fillWidth: true
            text: root.modelData.detail
            wrapMode: Text.Wrap
            color: root.state_ === "failed" ? Theme.danger : Theme.mutedText
            font.pointSize: Theme.smallFontSize
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                visible: root.modelData.installedPath.length > 0
                text: qsTr("Use")
                highlighted: true
                Accessible.name: qsTr("Use %1").arg(root.modelData.name)
                onClicked: root.useRequested(root.modelData.installedPath)
            }
            CardButton {
                visible: root.modelData.installedPath.length === 0 && root.state_.length === 0
                text: qsTr("Download")
                Accessible.name: qsTr("Download %1").arg(root.modelData.name)
                onClicked: root.downloadRequested(root.modelData.id)
            }
            CardButton {
                visible: root.state_ === "running" || root.state_ === "queued"
                text: qsTr("Pause")
                onClicked: root.pauseRequested(root.modelData.id)
            }
            CardButton {
                visible: root.state_ === "paused" || root.state_ === "failed"
                text: qsTr("Resume")
                onClicked: root.resumeRequested(root.modelData.id)
            }
            CardButton {
                visible: root.state_.length > 0 && root.state_ !== "verifying"
                text: qsTr("Cancel")
                onClicked: root.cancelRequested(root.modelData.id)
            }
        }
    }
}
