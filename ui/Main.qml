import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hearth

ApplicationWindow {
    id: root

    // Set by main.cpp from the command line (a .gguf to open).
    property string startupModel: ""
    // Set by main.cpp: the only way to the network (offline mode, the request log).
    required property NetworkGate networkGate
    property string page: "chat" // chat, documents, models, network, settings, about, apilog

    width: 1200
    height: 780
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: chat.currentTitle.length > 0 ? qsTr("%1 — Hearth").arg(chat.currentTitle) : qsTr("Hearth")
    color: Theme.background
    font.pointSize: Theme.fontSize

    palette.window: Theme.background
    palette.windowText: Theme.text
    palette.base: Theme.surface
    palette.text: Theme.text
    palette.button: Theme.surface
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.accentText
    palette.placeholderText: Theme.mutedText
    palette.mid: Theme.border
    palette.light: Theme.hover
    palette.dark: Theme.accent // Basic style: background of highlighted buttons
    palette.brightText: Theme.accentText

    // Before the engine: objects go in the order they were made, and the API's server must go
    // while the engine it serves still exists.
    LocalApiController {
        id: localApi
        engine: engine
        onConversationSaved: chat.refreshConversations()
    }
    EngineService { id: engine }
    // Unlocking, encrypting or decrypting changes what each connection needs: they reopen.
    HistoryController {
        id: historyLock
        onHistoryChanged: {
            chat.reopenDatabase()
            documents.reopenDatabase()
        }
    }
    ChatController {
        id: chat
        engine: engine
    }
    DocumentsController {
        id: documents
        engine: engine
        chat: chat
    }
    ModelsController {
        id: models
        networkGate: root.networkGate
        onModelInstalled: path => {
            chat.refreshInstalledModels()
            if (!chat.model.ready)
                chat.loadModel(path)
        }
    }
    SystemPalette { id: systemPalette }

    Binding {
        target: Theme
        property: "dark"
        value: chat.appSettings.theme === "dark"
               || (chat.appSettings.theme === "system" && systemPalette.window.hslLightness < 0.5)
    }
    Binding { target: Theme; property: "fontScale"; value: chat.appSettings.fontScale }

    // A second launch of Hearth asked this window to come forward, with a model to open or "".
    function bringForward(model) {
        if (model.length > 0)
            chat.loadModel(model)
        root.raise()
        root.requestActivate()
    }

    function showPage(name) {
        page = name
        if (name === "chat")
            chatPage.focusInput()
        else if (name === "documents")
            documents.refreshLibrary()
    }

    Shortcut { sequence: "Ctrl+N"; onActivated: { chat.newChat(); root.showPage("chat") } }
    Shortcut { sequence: "Ctrl+F"; onActivated: sidebar.focusSearch() }
    Shortcut { sequence: "Ctrl+,"; onActivated: root.showPage("settings") }
    Shortcut { sequence: "Esc"; enabled: chat.generating; onActivated: chat.stop() }
    Shortcut { sequence: "Ctrl+Shift+C"; onActivated: chat.copyLastAnswer() }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Sidebar {
            id: sidebar
            controller: chat
            currentPage: root.page
            Layout.fillHeight: true
            Layout.preferredWidth: 280
            onPageRequested: name => root.showPage(name)
        }
        Rectangle { Layout.fillHeight: true; implicitWidth: 1; color: Theme.border }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            TopBar {
                controller: chat
                networkGate: root.networkGate
                localApi: localApi
                Layout.fillWidth: true
                onPageRequested: name => root.showPage(name)
            }
            NoticeBar {
                Layout.fillWidth: true
                text: chat.notice
                onDismissed: chat.dismissNotice()
            }
            NoticeBar {
                objectName: "documentsNotice"
                Layout.fillWidth: true
                text: documents.notice
                onDismissed: documents.dismissNotice()
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: ["chat", "models", "settings", "about", "network", "documents", "apilog"].indexOf(root.page)

                ChatPage {
                    id: chatPage
                    controller: chat
                    models: models
                    documents: documents
                    onPageRequested: name => root.showPage(name)
                }
                ModelsPage { controller: chat; models: models; onModelChosen: root.showPage("chat") }
                SettingsPage {
                    controller: chat
                    networkGate: root.networkGate
                    history: historyLock
                    localApi: localApi
                    models: models
                    idle: !chat.generating && !documents.summary.running
                    onPageRequested: name => root.showPage(name)
                }
                AboutPage {}
                NetworkPage { networkGate: root.networkGate }
                DocumentsPage { documents: documents }
                RequestLogPage { api: localApi; onBackRequested: root.showPage("settings") }
            }
        }
    }

    UnlockPage {
        anchors.fill: parent
        z: 10
        visible: historyLock.locked
        history: historyLock
    }

    ToolTip {
        id: undoToast
        property string deletedTitle
        x: (root.width - width) / 2
        y: root.height - height - 24
        timeout: 6000
        contentItem: RowLayout {
            spacing: 12
            Label { text: qsTr("Deleted “%1”").arg(undoToast.deletedTitle); color: Theme.text }
            Button {
                text: qsTr("Undo")
                Accessible.name: qsTr("Undo delete")
                onClicked: { chat.undoDelete(); undoToast.close() }
            }
        }
        background: Rectangle { color: Theme.surface; border.color: Theme.border; radius: Theme.radius }
    }
    Connections {
        target: chat
        function onDeletePending(title) { undoToast.deletedTitle = title; undoToast.open() }
    }

    Component.onCompleted: {
        chat.start(startupModel)
        if (!historyLock.locked)
            chatPage.focusInput()
    }
}
