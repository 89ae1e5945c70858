import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// The requests the local API answered while Hearth runs, newest first: when, from where, which
// endpoint and model, how many tokens, how long, and the status.
Item {
    id: root
    required property LocalApiController api
    signal backRequested()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("API request log")
                font.pointSize: Theme.titleFontSize
                font.bold: true
                color: Theme.text
            }
            Button {
                text: qsTr("Clear")
                enabled: root.api.requestLog.count > 0
                Accessible.name: qsTr("Clear the request log")
                onClicked: root.api.requestLog.clear()
            }
            Button {
                objectName: "requestLogBackButton"
                text: qsTr("Back to Settings")
                Accessible.name: text
                onClicked: root.backRequested()
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("Kept in memory while Hearth runs (the last %n request(s)); nothing of it is written to disk.", "", root.api.requestLog.capacity)
                  + " " + root.api.status
        }
        Label {
            objectName: "requestLogEmpty"
            visible: root.api.requestLog.count === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.text
            text: root.api.running ? qsTr("No request yet. Point a client at %1.").arg(root.api.baseUrl)
                                   : qsTr("No request yet. Turn on the local API in Settings to serve requests.")
        }
        ListView {
            id: list
            objectName: "requestLogList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.api.requestLog
            spacing: 6
            activeFocusOnTab: true
            keyNavigationEnabled: true
            Accessible.role: Accessible.List
            Accessible.name: qsTr("API requests")
            ScrollBar.vertical: ScrollBar {}
            delegate: ColumnLayout {
                id: entry
                required property string time
                required property string client
                required property string endpoint
                required property string model
                required property int promptTokens
                required property int completionTokens
                required property int tokens
                required property int durationMs
                required property int status
                required property bool failed
                width: ListView.view.width
                spacing: 2
                Accessible.role: Accessible.ListItem
                Accessible.name: firstLine.text + ", " + secondLine.text
                Label {
                    id: firstLine
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    color: entry.failed ? Theme.danger : Theme.text
                    text: qsTr("%1  %2  %3 — %4").arg(entry.time).arg(entry.client).arg(entry.endpoint).arg(entry.status)
                }
                Label {
                    id: secondLine
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    color: Theme.mutedText
                    font.pointSize: Theme.smallFontSize
                    text: (entry.model.length > 0 ? entry.model + " · " : "")
                          + (entry.tokens > 0 ? qsTr("%1 + %2 tokens").arg(entry.promptTokens).arg(entry.completionTokens) + " · " : "")
                          + qsTr("%1 ms").arg(entry.durationMs)
                }
            }
        }
    }
}
