import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

// Settings → Local API: the switch, the port, other devices on the network with their key, the
// base URL to copy, saving API chats into the history, and the way to the request log.
GroupBox {
    id: root
    required property LocalApiController api
    signal logRequested()

    title: qsTr("Local API")

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

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: 16

        SettingLabel { text: qsTr("Serve the API") }
        Switch {
            objectName: "apiEnabledSwitch"
            checked: root.api.enabled
            onToggled: root.api.enabled = checked
            Accessible.name: qsTr("Serve the local API")
        }
        Hint { text: qsTr("Editors, scripts and other apps can use the model chosen here through OpenAI- and Ollama-compatible endpoints.") }

        SettingLabel { text: qsTr("Port") }
        TextField {
            id: portField
            objectName: "apiPortField"
            Layout.preferredWidth: 120
            text: root.api.port.toString()
            validator: IntValidator { bottom: 1; top: 65535 }
            inputMethodHints: Qt.ImhDigitsOnly
            color: acceptableInput ? Theme.text : Theme.danger
            onEditingFinished: root.api.port = Number(text)
            Accessible.name: qsTr("Port of the local API")
        }
        Hint {
            objectName: "apiPortHint"
            visible: !portField.acceptableInput
            color: Theme.danger
            text: qsTr("The port is a number from 1 to 65535.")
        }

        SettingLabel { text: qsTr("Other devices") }
        Switch {
            objectName: "apiNetworkSwitch"
            text: qsTr("Allow other devices on my network")
            checked: root.api.allowNetwork
            onToggled: root.api.allowNetwork = checked
            Accessible.name: qsTr("Allow other devices on my network to use the local API")
        }
        Hint { text: qsTr("Off, only programs on this computer can connect. On, devices on your network can too, and every request must carry the API key (Authorization: Bearer KEY).") }

        SettingLabel { text: qsTr("API key"); visible: root.api.allowNetwork || root.api.key.exists }
        ColumnLayout {
            Layout.fillWidth: true
            visible: root.api.allowNetwork || root.api.key.exists
            spacing: 6
            Label {
                Layout.fillWidth: true
                visible: root.api.key.revealed.length > 0
                wrapMode: Text.Wrap
                color: Theme.text
                text: qsTr("Your new key. Copy it now: it is shown only once.")
            }
            RowLayout {
                Layout.fillWidth: true
                visible: root.api.key.revealed.length > 0
                TextArea {
                    objectName: "apiKeyField"
                    Layout.fillWidth: true
                    readOnly: true
                    selectByMouse: true
                    wrapMode: TextEdit.WrapAnywhere
                    color: Theme.text
                    background: Rectangle { color: Theme.surface; radius: Theme.radius / 2; border.color: Theme.border }
                    font.family: Theme.monoFamily
                    text: root.api.key.revealed
                    Accessible.name: qsTr("New API key")
                }
                Button {
                    objectName: "apiKeyCopyButton"
                    text: qsTr("Copy")
                    Accessible.name: qsTr("Copy the API key")
                    onClicked: root.api.key.copy()
                }
                Button {
                    text: qsTr("Done")
                    Accessible.name: qsTr("Hide the API key")
                    onClicked: root.api.key.hide()
                }
            }
            RowLayout {
                Label {
                    visible: root.api.key.revealed.length === 0
                    color: Theme.mutedText
                    text: root.api.key.exists ? qsTr("A key is set. It is not shown again.") : qsTr("No key yet.")
                }
                Button {
                    objectName: "apiRegenerateKeyButton"
                    text: root.api.key.exists ? qsTr("Regenerate key") : qsTr("Generate key")
                    Accessible.name: root.api.key.exists ? qsTr("Regenerate the API key: the old key stops working")
                                                         : qsTr("Generate an API key")
                    onClicked: root.api.regenerateKey()
                }
            }
        }

        SettingLabel { text: qsTr("Base URL") }
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "apiBaseUrl"
                Layout.fillWidth: true
                elide: Text.ElideMiddle
                font.family: Theme.monoFamily
                color: Theme.text
                text: root.api.baseUrl
            }
            Button {
                objectName: "apiCopyUrlButton"
                text: qsTr("Copy")
                Accessible.name: qsTr("Copy the base URL")
                onClicked: root.api.copyBaseUrl()
            }
        }

        SettingLabel { text: qsTr("Status") }
        RowLayout {
            Layout.fillWidth: true
            Label {
                objectName: "apiStatus"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: root.api.error.length > 0 ? Theme.danger : Theme.text
                text: root.api.status
                Accessible.role: root.api.error.length > 0 ? Accessible.AlertMessage : Accessible.StaticText
                Accessible.name: text
            }
            Button {
                visible: root.api.error.length > 0
                text: qsTr("Dismiss")
                Accessible.name: qsTr("Dismiss the local API error")
                onClicked: root.api.dismissError()
            }
        }

        SettingLabel { text: qsTr("Save API conversations") }
        Switch {
            objectName: "apiSaveSwitch"
            checked: root.api.saveConversations
            onToggled: root.api.saveConversations = checked
            Accessible.name: qsTr("Save API conversations into the history")
        }
        Hint { text: qsTr("Off by default: what other programs ask stays out of your history. On, each answered chat is saved as a conversation titled “API: …”.") }

        Item { implicitWidth: 1 }
        Button {
            objectName: "apiShowLogButton"
            text: qsTr("Show the request log")
            Accessible.name: text
            onClicked: root.logRequested()
        }
    }
}
