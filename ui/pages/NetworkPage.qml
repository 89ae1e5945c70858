import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Every request Hearth made while it runs (or refused in offline mode), newest first.
Item {
    id: root
    property NetworkGate networkGate

    NetworkLogModel { id: log; gate: root.networkGate }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        Label {
            text: qsTr("Network log")
            font.pointSize: Theme.titleFontSize
            font.bold: true
            color: Theme.text
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: (root.networkGate.offline ? qsTr("Offline mode is on: every request is refused.")
                                            : qsTr("Hearth only goes online when you search for or download a model."))
                  + " " + (root.networkGate.saveLog ? qsTr("The log is also saved to %1.").arg(root.networkGate.logPath)
                                                    : qsTr("The log is kept while Hearth runs; Settings can save it to a file."))
        }
        Label {
            visible: log.count === 0
            objectName: "networkLogEmpty"
            text: qsTr("No network request since Hearth started.")
            color: Theme.text
        }
        ListView {
            id: list
            objectName: "networkLogList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: log
            spacing: 6
            ScrollBar.vertical: ScrollBar {}
            delegate: ColumnLayout {
                id: entry
                required property string time
                required property string host
                required property string url
                required property string purpose
                required property string bytesIn
                required property string bytesOut
                required property string result
                required property bool refused
                width: ListView.view.width
                spacing: 2
                Label {
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    color: entry.refused ? Theme.danger : Theme.text
                    text: qsTr("%1  %2  %3 — %4").arg(entry.time).arg(entry.host).arg(entry.purpose).arg(entry.result)
                }
                Label {
                    Layout.fillWidth: true
                    elide: Text.ElideMiddle
                    color: Theme.mutedText
                    font.pointSize: Theme.smallFontSize
                    text: qsTr("in %1 · out %2 · %3").arg(entry.bytesIn).arg(entry.bytesOut).arg(entry.url)
                }
            }
        }
    }
}
