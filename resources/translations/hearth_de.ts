<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../../ui/pages/AboutPage.qml" line="+12"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Version %1. Private, offline chat with open language models. Models run on this computer&apos;s GPU through Hearth&apos;s own Vulkan engine; conversations are kept in a database in your data folder. Nothing is sent anywhere, except the model downloads you ask for.</source>
        <translation>Version %1. Privater Offline-Chat mit offenen Sprachmodellen. Die Modelle laufen mit Hearths eigener Vulkan-Engine auf der GPU dieses Computers; Unterhaltungen werden in einer Datenbank in Ihrem Datenordner gespeichert. Nichts wird irgendwohin gesendet, außer den Modell-Downloads, die Sie anstoßen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Released under the MIT license. Models have licenses of their own; see each model&apos;s card.</source>
        <translation>Veröffentlicht unter der MIT-Lizenz. Modelle haben eigene Lizenzen; siehe die Karte des jeweiligen Modells.</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <location filename="../../ui/components/BranchSwitcher.qml" line="+16"/>
        <source>Previous version</source>
        <translation>Vorherige Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version %1 of %2</source>
        <translation>Version %1 von %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next version</source>
        <translation>Nächste Version</translation>
    </message>
</context>
<context>
    <name>CatalogDelegate</name>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="+64"/>
        <source>Download progress of %1</source>
        <translation>Download-Fortschritt von %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download %1</source>
        <translation>%1 herunterladen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/chat/chatcontroller.cpp" line="+78"/>
        <source>Conversations cannot be saved: the database is not available.</source>
        <translation>Unterhaltungen können nicht gespeichert werden: Die Datenbank ist nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Load a model first: pick one in the model menu at the top.</source>
        <translation>Laden Sie zuerst ein Modell: Wählen Sie eines im Modellmenü oben.</translation>
    </message>
</context>
<context>
    <name>ChatHeader</name>
    <message>
        <location filename="../../ui/components/ChatHeader.qml" line="+25"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>System prompt (custom)</source>
        <translation>Systemprompt (eigener)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit this conversation&apos;s own system prompt</source>
        <translation>Eigenen Systemprompt dieser Unterhaltung bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a system prompt for this conversation</source>
        <translation>Systemprompt für diese Unterhaltung festlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No system prompt</source>
        <translation>Kein Systemprompt</translation>
    </message>
</context>
<context>
    <name>ChatInput</name>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="+42"/>
        <source>Message Hearth…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>Nachricht an Hearth…  (Eingabe zum Senden, Umschalt+Eingabe für eine neue Zeile)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop generating</source>
        <translation>Antwort anhalten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../ui/pages/ChatPage.qml" line="+46"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading the model…</source>
        <translation>Das Modell wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load a model to start chatting: choose one at the top, or download one on the Models page.</source>
        <translation>Laden Sie ein Modell, um zu chatten: Wählen Sie oben eines aus oder laden Sie eines auf der Seite „Modelle“ herunter.</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="+28"/>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy code</source>
        <translation>Code kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Code block</source>
        <translation>Codeblock</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="+50"/>
        <source>New title</source>
        <translation>Neuer Titel</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Unpin</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pin</source>
        <translation>Anheften</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="+10"/>
        <source>Pinned</source>
        <translation>Angeheftet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Older</source>
        <translation>Älter</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
</context>
<context>
    <name>FitHint</name>
    <message>
        <location filename="../../app/models/fithint.cpp" line="+64"/>
        <source>fits</source>
        <translation>passt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fits partly (runs slower)</source>
        <translation>passt teilweise (läuft langsamer)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <location filename="../../app/chat/generationworker.cpp" line="+46"/>
        <source>Running on the CPU, slowly: %1</source>
        <translation>Läuft langsam auf der CPU: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No model is loaded. Choose one in the model picker.</source>
        <translation>Es ist kein Modell geladen. Wählen Sie eines in der Modellauswahl.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/Main.qml" line="+18"/>
        <source>%1 — Hearth</source>
        <translation>%1 — Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+112"/>
        <source>Deleted “%1”</source>
        <translation>„%1“ gelöscht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo delete</source>
        <translation>Löschen rückgängig machen</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="+42"/>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assistant</source>
        <translation>Assistent</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Your message</source>
        <translation>Ihre Nachricht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit your message</source>
        <translation>Ihre Nachricht bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save and send</source>
        <translation>Speichern und senden</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Thinking…</source>
        <translation>Denkt nach…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thoughts</source>
        <translation>Gedanken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide thinking</source>
        <translation>Gedanken ausblenden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show thinking</source>
        <translation>Gedanken anzeigen</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Generating</source>
        <translation>Wird erzeugt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy message</source>
        <translation>Nachricht kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit message</source>
        <translation>Nachricht bearbeiten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Regenerate answer</source>
        <translation>Antwort neu erzeugen</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message numerus="yes">
        <location filename="../../app/chat/messagelistmodel.cpp" line="+84"/>
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Token</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 tokens/s</source>
        <translation>%1 Token/s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first token %1 s</source>
        <translation>erstes Token nach %1 s</translation>
    </message>
</context>
<context>
    <name>ModelState</name>
    <message>
        <location filename="../../app/chat/modelstate.cpp" line="+8"/>
        <source>Unloading %1…</source>
        <translation>%1 wird entladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading %1 %2%</source>
        <translation>%1 wird geladen: %2 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>on %1</source>
        <translation>auf %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No model loaded</source>
        <translation>Kein Modell geladen</translation>
    </message>
</context>
<context>
    <name>ModelsController</name>
    <message>
        <location filename="../../app/chat/modelscontroller.cpp" line="+127"/>
        <source>%1 of %2 · %3/s</source>
        <translation>%1 von %2 · %3/s</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No GGUF repositories found.</source>
        <translation>Keine GGUF-Repositorys gefunden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Listing %1…</source>
        <translation>Dateien von %1 werden aufgelistet…</translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="+21"/>
        <source>Add a GGUF model</source>
        <translation>GGUF-Modell hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add local file…</source>
        <translation>Lokale Datei hinzufügen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On this computer (%1)</source>
        <translation>Auf diesem Computer (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+96"/>
        <source>Search Hugging Face</source>
        <translation>Hugging Face durchsuchen</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>No models yet. Download one from the catalog, or add a .gguf file you have.</source>
        <translation>Noch keine Modelle. Laden Sie eines aus dem Katalog herunter oder fügen Sie eine vorhandene .gguf-Datei hinzu.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Search GGUF models, e.g. qwen2.5 instruct</source>
        <translation>GGUF-Modelle suchen, z. B. qwen2.5 instruct</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> (gated)</source>
        <translation> (zugangsbeschränkt)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2) — Download</source>
        <translation>%1 (%2) — Herunterladen</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../ui/components/NoticeBar.qml" line="+29"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="+34"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Answers</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Min-p</source>
        <translation>Min-p</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+7"/>
        <source>Repeat penalty</source>
        <translation>Wiederholungsstrafe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest answer (tokens)</source>
        <translation>Längste Antwort (Token)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Longest answer in tokens</source>
        <translation>Längste Antwort in Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Context length (tokens)</source>
        <translation>Kontextlänge (Token)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Context length in tokens</source>
        <translation>Kontextlänge in Token</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The context length applies when a model is next loaded.</source>
        <translation>Die Kontextlänge gilt ab dem nächsten Laden eines Modells.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>Default system prompt</source>
        <translation>Standard-Systemprompt</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>e.g. You are a concise, careful assistant.</source>
        <translation>z. B. Du bist ein knapper, sorgfältiger Assistent.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Appearance and device</source>
        <translation>Darstellung und Gerät</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Follow system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+5"/>
        <source>Text size</source>
        <translation>Schriftgröße</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Best available</source>
        <translation>Beste verfügbare</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>GPU device</source>
        <translation>GPU-Gerät</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A new GPU choice applies when a model is next loaded.</source>
        <translation>Eine neue GPU-Wahl gilt ab dem nächsten Laden eines Modells.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Models folder</source>
        <translation>Modellordner</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="+27"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>＋  New chat</source>
        <translation>＋  Neuer Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+N</source>
        <translation>Strg+N</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search conversations (Ctrl+F)</source>
        <translation>Unterhaltungen durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search conversations</source>
        <translation>Unterhaltungen durchsuchen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Conversations</source>
        <translation>Unterhaltungen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Nothing found</source>
        <translation>Nichts gefunden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No conversations yet</source>
        <translation>Noch keine Unterhaltungen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Hearth</source>
        <translation>Über Hearth</translation>
    </message>
</context>
<context>
    <name>SystemPromptDialog</name>
    <message>
        <location filename="../../ui/components/SystemPromptDialog.qml" line="+14"/>
        <source>System prompt for this conversation</source>
        <translation>Systemprompt für diese Unterhaltung</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This conversation uses its own system prompt.</source>
        <translation>Diese Unterhaltung verwendet einen eigenen Systemprompt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This conversation uses the default system prompt from Settings.</source>
        <translation>Diese Unterhaltung verwendet den Standard-Systemprompt aus den Einstellungen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. You are a concise, careful assistant.</source>
        <translation>z. B. Du bist ein knapper, sorgfältiger Assistent.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System prompt</source>
        <translation>Systemprompt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use default</source>
        <translation>Standard verwenden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="+18"/>
        <source>Open a GGUF model</source>
        <translation>GGUF-Modell öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF-Modelle (*.gguf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose a model…</source>
        <translation>Modell wählen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open file…</source>
        <translation>Datei öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a model file</source>
        <translation>Modelldatei öffnen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loading model</source>
        <translation>Modell wird geladen</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="+20"/>
        <source>How can I help?</source>
        <translation>Wie kann ich helfen?</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Welcome to Hearth</source>
        <translation>Willkommen bei Hearth</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You are chatting with %1 on %2. Everything stays on this computer.</source>
        <translation>Sie chatten mit %1 auf %2. Alles bleibt auf diesem Computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private chat with open language models, running on your own GPU. Nothing you type leaves this computer. To begin, get a model.</source>
        <translation>Privater Chat mit offenen Sprachmodellen, auf Ihrer eigenen GPU. Nichts, was Sie eingeben, verlässt diesen Computer. Holen Sie sich zu Beginn ein Modell.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recommended for this computer:</source>
        <translation>Empfohlen für diesen Computer:</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Browse all models</source>
        <translation>Alle Modelle ansehen</translation>
    </message>
</context>
</TS>
