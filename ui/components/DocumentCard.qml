import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// A document attached to the conversation: its name, format, pages and status; Summarize with a
// style and an optional focus; while it is being summarized, the stage, "part i of N", the time
// left and Cancel.
Rectangle {
    id: root
    required property var documentId
    required property string title
    required property string details
    required property string status
    property DocumentsController documents

    readonly property bool summarizing: documents.summary.running && documents.summary.documentId === documentId

    objectName: "documentCard"
    implicitHeight: column.implicitHeight + 20
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Document %1").arg(title)

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 10
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    objectName: "documentTitle"
                    Layout.fillWidth: true
                    text: root.title
                    elide: Text.ElideRight
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    text: root.details + " · " + root.status
                    elide: Text.ElideRight
                    color: Theme.mutedText
                    font.pointSize: Theme.smallFontSize
                }
            }
            IconButton {
                glyph: "✕"
                tip: qsTr("Remove %1 from this conversation").arg(root.title)
                enabled: !root.summarizing
                onClicked: root.documents.detach(root.documentId)
            }
        }

        RowLayout {
            visible: !root.summarizing
            Layout.fillWidth: true
            ComboBox {
                id: style
                objectName: "summaryStyle"
                model: root.documents.styles
                textRole: "text"
                valueRole: "value"
                Accessible.name: qsTr("Summary style")
            }
            TextField {
                id: focusField
                objectName: "summaryFocus"
                Layout.fillWidth: true
                placeholderText: qsTr("Focus (optional), e.g. the tenant's obligations")
                Accessible.name: qsTr("What the summary should concentrate on")
                onAccepted: summarizeButton.clicked()
            }
            Button {
                id: summarizeButton
                objectName: "summarizeButton"
                text: qsTr("Summarize")
                highlighted: true
                Accessible.name: qsTr("Summarize %1").arg(root.title)
                onClicked: root.documents.summarize(root.documentId, style.currentValue, focusField.text)
            }
        }

        RowLayout {
            visible: root.summarizing
            Layout.fillWidth: true
            ProgressBar {
                objectName: "summaryProgress"
                Layout.fillWidth: true
                value: root.documents.summary.fraction
                indeterminate: root.documents.summary.partText.length === 0
                Accessible.name: qsTr("Summary progress")
            }
            Button {
                objectName: "cancelSummaryButton"
                text: qsTr("Cancel")
                Accessible.name: qsTr("Cancel the summary")
                onClicked: root.documents.cancelSummary()
            }
        }
        Label {
            objectName: "summaryProgressText"
            visible: root.summarizing
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pointSize: Theme.smallFontSize
            text: root.documents.summary.text
        }
    }
}
