<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AboutPage</name>
    <message>
        <location filename="../../ui/pages/AboutPage.qml" line="12"/>
        <source>Hearth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/AboutPage.qml" line="21"/>
        <source>Version %1. Private, offline chat with open language models. Models run on this computer&apos;s GPU through Hearth&apos;s own Vulkan engine; conversations are kept in a database in your data folder. Nothing is sent anywhere, except the model downloads you ask for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/AboutPage.qml" line="27"/>
        <source>Released under the MIT license. Models have licenses of their own; see each model&apos;s card.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <location filename="../../ui/components/BranchSwitcher.qml" line="16"/>
        <source>Previous version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/BranchSwitcher.qml" line="18"/>
        <source>%1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/BranchSwitcher.qml" line="21"/>
        <source>Version %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/BranchSwitcher.qml" line="23"/>
        <source>Next version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CatalogDelegate</name>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="64"/>
        <source>Download progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="78"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="80"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="85"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="86"/>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="91"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="96"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CatalogDelegate.qml" line="101"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <location filename="../../app/chat/chatcontroller.cpp" line="197"/>
        <source>Load a model first: pick one in the model menu at the top.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatInput</name>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="43"/>
        <source>Message Hearth…  (Enter to send, Shift+Enter for a new line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="46"/>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="58"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="58"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="61"/>
        <source>Stop generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ChatInput.qml" line="61"/>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChatPage</name>
    <message>
        <location filename="../../ui/pages/ChatPage.qml" line="31"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ChatPage.qml" line="62"/>
        <source>Loading the model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ChatPage.qml" line="63"/>
        <source>Load a model to start chatting: choose one at the top, or download one on the Models page.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="28"/>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="34"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="35"/>
        <source>Copy code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="36"/>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/CodeBlock.qml" line="51"/>
        <source>Code block</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="50"/>
        <source>New title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="70"/>
        <source>Unpin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="70"/>
        <source>Pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="76"/>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/ConversationDelegate.qml" line="82"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConversationListModel</name>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="10"/>
        <source>Pinned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="14"/>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="16"/>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="18"/>
        <source>Previous 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="19"/>
        <source>Older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="36"/>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/conversationlistmodel.cpp" line="70"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>F</name>
    <message>
        <location filename="../../app/chat/chatcontroller.cpp" line="70"/>
        <source>Conversations cannot be saved: the database is not available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GenerationWorker</name>
    <message>
        <location filename="../../app/chat/generationworker.cpp" line="65"/>
        <source>No model is loaded. Choose one in the model picker.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/Main.qml" line="18"/>
        <source>%1 — Hearth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="18"/>
        <source>Hearth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="130"/>
        <source>Deleted “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="132"/>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/Main.qml" line="133"/>
        <source>Undo delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="42"/>
        <source>You</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="42"/>
        <source>Assistant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="74"/>
        <source>Your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="84"/>
        <source>Edit your message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="90"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="92"/>
        <source>Save and send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="109"/>
        <source>Thinking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="109"/>
        <source>Thoughts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="110"/>
        <source>Hide thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="110"/>
        <source>Show thinking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="143"/>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="163"/>
        <source>Generating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="176"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="196"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="196"/>
        <source>Copy message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="200"/>
        <source>Edit message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/MessageDelegate.qml" line="206"/>
        <source>Regenerate answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message numerus="yes">
        <location filename="../../app/chat/messagelistmodel.cpp" line="84"/>
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../app/chat/messagelistmodel.cpp" line="86"/>
        <source>%1 tokens/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/messagelistmodel.cpp" line="88"/>
        <source>first token %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsController</name>
    <message>
        <location filename="../../app/chat/modelscontroller.cpp" line="127"/>
        <source>%1 of %2 · %3/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/modelscontroller.cpp" line="259"/>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/modelscontroller.cpp" line="268"/>
        <source>No GGUF repositories found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../app/chat/modelscontroller.cpp" line="275"/>
        <source>Listing %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPage</name>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="21"/>
        <source>Add a GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="22"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="39"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="44"/>
        <source>Add local file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="51"/>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="52"/>
        <source>On this computer (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="53"/>
        <location filename="../../ui/pages/ModelsPage.qml" line="149"/>
        <source>Search Hugging Face</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="98"/>
        <source>No models yet. Download one from the catalog, or add a .gguf file you have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="125"/>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="127"/>
        <source>Use %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="131"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="132"/>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="148"/>
        <source>Search GGUF models, e.g. qwen2.5 instruct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="152"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="171"/>
        <source> (gated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/ModelsPage.qml" line="183"/>
        <source>%1 (%2) — Download</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <location filename="../../ui/components/NoticeBar.qml" line="29"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="34"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="41"/>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="48"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="55"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="57"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="64"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="66"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="71"/>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="73"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="80"/>
        <source>Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="82"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="89"/>
        <source>Repeat penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="91"/>
        <source>Longest answer (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="96"/>
        <source>Longest answer in tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="98"/>
        <source>Context length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="103"/>
        <source>Context length in tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="105"/>
        <source>The context length applies when a model is next loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="106"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="114"/>
        <source>Default system prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="112"/>
        <source>e.g. You are a concise, careful assistant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="120"/>
        <source>Appearance and device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="127"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="133"/>
        <source>Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="130"/>
        <source>Follow system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="130"/>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="130"/>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="135"/>
        <location filename="../../ui/pages/SettingsPage.qml" line="140"/>
        <source>Text size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="142"/>
        <source>GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="146"/>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="149"/>
        <source>GPU device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="151"/>
        <source>A new GPU choice applies when a model is next loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="156"/>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="163"/>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="170"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="175"/>
        <source>Models folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="27"/>
        <source>Hearth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="35"/>
        <source>＋  New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="36"/>
        <source>New chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="38"/>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="44"/>
        <source>Search conversations (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="45"/>
        <source>Search conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="59"/>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="81"/>
        <source>Nothing found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="81"/>
        <source>No conversations yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="89"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="90"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/Sidebar.qml" line="91"/>
        <source>About Hearth</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopBar</name>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="18"/>
        <source>Open a GGUF model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="19"/>
        <source>GGUF models (*.gguf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="19"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="34"/>
        <source>Choose a model…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="37"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="48"/>
        <source>Open file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="55"/>
        <source>Loading model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="63"/>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="64"/>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/components/TopBar.qml" line="66"/>
        <source>No model loaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="20"/>
        <source>How can I help?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="20"/>
        <source>Welcome to Hearth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="31"/>
        <source>You are chatting with %1 on %2. Everything stays on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="33"/>
        <source>Private chat with open language models, running on your own GPU. Nothing you type leaves this computer. To begin, get a model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="38"/>
        <source>Recommended for this computer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/WelcomePage.qml" line="56"/>
        <source>Browse all models</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
