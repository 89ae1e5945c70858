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
        <location filename="../../ui/components/CatalogDelegate.qml" line="+67"/>
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
        <location filename="../../app/chat/chatcontroller.cpp" line="+96"/>
        <source>Conversations cannot be saved: the database is not available.</source>
        <translation>Unterhaltungen können nicht gespeichert werden: Die Datenbank ist nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+155"/>
        <source>could not start an incognito chat</source>
        <translation>konnte keinen Inkognito-Chat beginnen</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Load a model first: pick one in the model menu at the top.</source>
        <translation>Laden Sie zuerst ein Modell: Wählen Sie eines im Modellmenü oben.</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
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
        <location filename="../../ui/components/ChatInput.qml" line="+41"/>
        <source>Attach</source>
        <translation>Anhängen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attach a document (PDF, Word, OpenDocument, EPUB, HTML, Markdown, text)</source>
        <translation>Ein Dokument anhängen (PDF, Word, OpenDocument, EPUB, HTML, Markdown, Text)</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../../ui/pages/ChatPage.qml" line="+30"/>
        <source>Attach a document</source>
        <translation>Ein Dokument anhängen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Documents (*.pdf *.docx *.odt *.epub *.html *.htm *.xhtml *.md *.markdown *.txt *.text)</source>
        <translation>Dokumente (*.pdf *.docx *.odt *.epub *.html *.htm *.xhtml *.md *.markdown *.txt *.text)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All files (*)</source>
        <translation>Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Drop to attach to this conversation</source>
        <translation>Loslassen, um es diesem Gespräch anzuhängen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Incognito: this chat is never saved. It is gone when you start a new chat or close Hearth.</source>
        <translation>Inkognito: Dieser Chat wird nie gespeichert. Er verschwindet, wenn Sie einen neuen Chat beginnen oder Hearth schließen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Reading the document</source>
        <translation>Das Dokument wird gelesen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop reading the document</source>
        <translation>Das Lesen des Dokuments abbrechen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>A summary is being written; wait for it or cancel it on its card.</source>
        <translation>Eine Zusammenfassung wird geschrieben; warten Sie darauf oder brechen Sie sie auf ihrer Karte ab.</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>CitationPopup</name>
    <message>
        <location filename="../../ui/components/CitationPopup.qml" line="+38"/>
        <source>Cited text</source>
        <translation>Zitierter Text</translation>
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
        <location line="+20"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
</context>
<context>
    <name>DocumentCard</name>
    <message>
        <location filename="../../ui/components/DocumentCard.qml" line="+25"/>
        <source>Document %1</source>
        <translation>Dokument %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Remove %1 from this conversation</source>
        <translation>%1 aus diesem Gespräch entfernen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Summary style</source>
        <translation>Art der Zusammenfassung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Focus (optional), e.g. the tenant&apos;s obligations</source>
        <translation>Schwerpunkt (optional), z. B. die Pflichten des Mieters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the summary should concentrate on</source>
        <translation>Worauf sich die Zusammenfassung konzentrieren soll</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summarize</source>
        <translation>Zusammenfassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Summarize %1</source>
        <translation>%1 zusammenfassen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Summary progress</source>
        <translation>Fortschritt der Zusammenfassung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the summary</source>
        <translation>Die Zusammenfassung abbrechen</translation>
    </message>
</context>
<context>
    <name>DocumentDelegate</name>
    <message>
        <location filename="../../ui/components/DocumentDelegate.qml" line="+48"/>
        <source>Used in: %1</source>
        <translation>Verwendet in: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not used in any conversation</source>
        <translation>In keinem Gespräch verwendet</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message numerus="yes">
        <location filename="../../app/chat/documentlistmodel.cpp" line="+50"/>
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n Seite</numerusform>
            <numerusform>%n Seiten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentsController</name>
    <message>
        <location filename="../../app/chat/documentscontroller.cpp" line="+195"/>
        <source>Brief</source>
        <translation>Kurz</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Detailed</source>
        <translation>Ausführlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key points</source>
        <translation>Kernpunkte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Ready to summarize</source>
        <translation>Bereit zum Zusammenfassen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Documents cannot be used in an incognito chat: their text would be saved on disk. Start a normal chat (Ctrl+N) to attach or summarize one.</source>
        <translation>Dokumente können in einem Inkognito-Chat nicht verwendet werden: Ihr Text würde auf der Festplatte gespeichert. Beginnen Sie einen normalen Chat (Strg+N), um eines anzuhängen oder zusammenzufassen.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Untitled chat</source>
        <translation>Chat ohne Titel</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading %1: page %2 of %3…</source>
        <translation>%1 wird gelesen: Seite %2 von %3…</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Load a model first: pick one in the model menu at the top.</source>
        <translation>Laden Sie zuerst ein Modell: Wählen Sie eines im Modellmenü oben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wait for the answer being written, or stop it, then summarize.</source>
        <translation>Warten Sie auf die Antwort, die gerade geschrieben wird, oder stoppen Sie sie, und fassen Sie dann zusammen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Summarize “%1”.</source>
        <translation>„%1“ zusammenfassen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summarize “%1”, concentrating on: %2</source>
        <translation>„%1“ zusammenfassen, mit dem Schwerpunkt: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Summarizing…</source>
        <translation>Wird zusammengefasst…</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Summarized</source>
        <translation>Zusammengefasst</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The summary was stopped. Press Summarize again to resume it.</source>
        <translation>Die Zusammenfassung wurde angehalten. Drücken Sie erneut auf Zusammenfassen, um sie fortzusetzen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary failed: %1</source>
        <translation>Die Zusammenfassung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Stopped: Summarize resumes it</source>
        <translation>Angehalten: Zusammenfassen setzt sie fort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>The document this citation points to is no longer attached to the conversation.</source>
        <translation>Das Dokument, auf das dieses Zitat verweist, ist dem Gespräch nicht mehr angehängt.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cited text is not in the document.</source>
        <translation>Der zitierte Text steht nicht im Dokument.</translation>
    </message>
</context>
<context>
    <name>DocumentsPage</name>
    <message>
        <location filename="../../ui/pages/DocumentsPage.qml" line="+19"/>
        <source>Remove “%1”?</source>
        <translation>„%1“ entfernen?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its text and summaries are deleted and it is removed from every conversation. The file itself stays where it is.</source>
        <translation>Sein Text und seine Zusammenfassungen werden gelöscht, und es wird aus jedem Gespräch entfernt. Die Datei selbst bleibt, wo sie ist.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+34"/>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Search the text of every document</source>
        <translation>Den Text aller Dokumente durchsuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search documents</source>
        <translation>Dokumente durchsuchen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No document contains this.</source>
        <translation>Kein Dokument enthält das.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No documents yet. Attach one to a chat with its Attach button, or drop a file on the chat.</source>
        <translation>Noch keine Dokumente. Hängen Sie eines mit der Schaltfläche Anhängen an einen Chat an, oder ziehen Sie eine Datei auf den Chat.</translation>
    </message>
</context>
<context>
    <name>EncryptHistoryDialog</name>
    <message>
        <location filename="../../ui/components/EncryptHistoryDialog.qml" line="+12"/>
        <source>Encrypt my history</source>
        <translation>Meinen Verlauf verschlüsseln</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Messages, titles, system prompts, documents and summaries are stored encrypted with this passphrase. Hearth asks for it at every start.</source>
        <translation>Nachrichten, Titel, Systemprompts, Dokumente und Zusammenfassungen werden mit dieser Passphrase verschlüsselt gespeichert. Hearth fragt bei jedem Start danach.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A forgotten passphrase cannot be recovered: without it your history cannot be read, by you or anyone.</source>
        <translation>Eine vergessene Passphrase lässt sich nicht wiederherstellen: Ohne sie kann niemand Ihren Verlauf lesen, auch Sie nicht.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+1"/>
        <source>New passphrase</source>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Several words you can remember make a good passphrase.</source>
        <translation>Mehrere Wörter, die Sie sich merken können, ergeben eine gute Passphrase.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The same passphrase again</source>
        <translation>Dieselbe Passphrase noch einmal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat the passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encrypt</source>
        <translation>Verschlüsseln</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Encrypt the history</source>
        <translation>Den Verlauf verschlüsseln</translation>
    </message>
</context>
<context>
    <name>F</name>
    <message>
        <location filename="../../app/chat/documentscontroller.cpp" line="-462"/>
        <source>Documents cannot be used: the database is not available.</source>
        <translation>Dokumente können nicht verwendet werden: Die Datenbank ist nicht verfügbar.</translation>
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
    <name>HistoryController</name>
    <message>
        <location filename="../../app/chat/historycontroller.cpp" line="+93"/>
        <source>Enter the passphrase.</source>
        <translation>Geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>That passphrase is wrong. Nothing was changed.</source>
        <translation>Diese Passphrase ist falsch. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped. What was decrypted stays so; Remove encryption goes on.</source>
        <translation>Angehalten. Was schon entschlüsselt ist, bleibt es; „Verschlüsselung entfernen“ macht weiter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopped. What was encrypted stays so; Encrypt my history goes on.</source>
        <translation>Angehalten. Was schon verschlüsselt ist, bleibt es; „Meinen Verlauf verschlüsseln“ macht weiter.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Too short: use at least %1 characters.</source>
        <translation>Zu kurz: Verwenden Sie mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Weak: several words, 14 characters or more, are much harder to guess.</source>
        <translation>Schwach: Mehrere Wörter mit 14 Zeichen oder mehr sind viel schwerer zu erraten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fair: longer is stronger.</source>
        <translation>Mittel: Länger ist stärker.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Strong.</source>
        <translation>Stark.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Very strong.</source>
        <translation>Sehr stark.</translation>
    </message>
</context>
<context>
    <name>InstalledModelDelegate</name>
    <message>
        <location filename="../../ui/components/InstalledModelDelegate.qml" line="+45"/>
        <source>From %1</source>
        <translation>Aus %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Use</source>
        <translation>Verwenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use %1</source>
        <translation>%1 verwenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forget %1 (the file stays)</source>
        <translation>%1 vergessen (die Datei bleibt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide it from this list; %1 keeps the file.</source>
        <translation>Aus dieser Liste ausblenden; %1 behält die Datei.</translation>
    </message>
</context>
<context>
    <name>LocalApiController</name>
    <message>
        <location filename="../../app/chat/localapicontroller.cpp" line="+141"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Serving %n request(s) at %1</source>
        <translation>
            <numerusform>Bearbeitet %n Anfrage unter %1</numerusform>
            <numerusform>Bearbeitet %n Anfragen unter %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listening at %1 for this computer and the local network; requests need the key</source>
        <translation>Erreichbar unter %1 für diesen Computer und das lokale Netzwerk; Anfragen brauchen den Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Listening at %1</source>
        <translation>Erreichbar unter %1</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>An API conversation was not saved: the history is locked.</source>
        <translation>Ein API-Gespräch wurde nicht gespeichert: der Verlauf ist gesperrt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>An API conversation was not saved: %1</source>
        <translation>Ein API-Gespräch wurde nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>LocalApiSettings</name>
    <message>
        <location filename="../../ui/components/LocalApiSettings.qml" line="+13"/>
        <source>Local API</source>
        <translation>Lokale API</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Serve the API</source>
        <translation>API bereitstellen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serve the local API</source>
        <translation>Die lokale API bereitstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Editors, scripts and other apps can use the model chosen here through OpenAI- and Ollama-compatible endpoints.</source>
        <translation>Editoren, Skripte und andere Programme können das hier gewählte Modell über OpenAI- und Ollama-kompatible Endpunkte nutzen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Port of the local API</source>
        <translation>Port der lokalen API</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The port is a number from 1 to 65535.</source>
        <translation>Der Port ist eine Zahl von 1 bis 65535.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Other devices</source>
        <translation>Andere Geräte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow other devices on my network</source>
        <translation>Andere Geräte in meinem Netzwerk zulassen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allow other devices on my network to use the local API</source>
        <translation>Anderen Geräten in meinem Netzwerk die lokale API erlauben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off, only programs on this computer can connect. On, devices on your network can too, and every request must carry the API key (Authorization: Bearer KEY).</source>
        <translation>Aus: Nur Programme auf diesem Computer können sich verbinden. An: Auch Geräte in Ihrem Netzwerk, und jede Anfrage muss den API-Schlüssel mitschicken (Authorization: Bearer SCHLÜSSEL).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Your new key. Copy it now: it is shown only once.</source>
        <translation>Ihr neuer Schlüssel. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+39"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Copy the API key</source>
        <translation>Den API-Schlüssel kopieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the API key</source>
        <translation>Den API-Schlüssel ausblenden</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A key is set. It is not shown again.</source>
        <translation>Ein Schlüssel ist festgelegt. Er wird nicht wieder angezeigt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No key yet.</source>
        <translation>Noch kein Schlüssel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Regenerate key</source>
        <translation>Neuen Schlüssel erzeugen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Generate key</source>
        <translation>Schlüssel erzeugen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate the API key: the old key stops working</source>
        <translation>Einen neuen API-Schlüssel erzeugen: Der alte funktioniert dann nicht mehr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate an API key</source>
        <translation>Einen API-Schlüssel erzeugen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Base URL</source>
        <translation>Basis-URL</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Copy the base URL</source>
        <translation>Die Basis-URL kopieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dismiss the local API error</source>
        <translation>Den Fehler der lokalen API schließen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save API conversations</source>
        <translation>API-Gespräche speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save API conversations into the history</source>
        <translation>API-Gespräche im Verlauf speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Off by default: what other programs ask stays out of your history. On, each answered chat is saved as a conversation titled “API: …”.</source>
        <translation>Standardmäßig aus: Was andere Programme fragen, bleibt aus Ihrem Verlauf heraus. An: Jeder beantwortete Chat wird als Gespräch mit dem Titel „API: …“ gespeichert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show the request log</source>
        <translation>Das Anfrageprotokoll anzeigen</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../../ui/Main.qml" line="+20"/>
        <source>%1 — Hearth</source>
        <translation>%1 — Hearth</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hearth</source>
        <translation>Hearth</translation>
    </message>
    <message>
        <location line="+166"/>
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
        <location filename="../../ui/components/MessageDelegate.qml" line="+44"/>
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
        <location line="+10"/>
        <source>Sources:</source>
        <translation>Quellen:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Show the cited text (%1)</source>
        <translation>Den zitierten Text zeigen (%1)</translation>
    </message>
    <message>
        <location line="+17"/>
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
        <location filename="../../app/chat/messagelistmodel.cpp" line="+85"/>
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
    <name>ModelSource</name>
    <message>
        <location filename="../../app/models/modelsource.cpp" line="+37"/>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
</context>
<context>
    <name>ModelSourcesSettings</name>
    <message>
        <location filename="../../ui/components/ModelSourcesSettings.qml" line="+12"/>
        <source>Models from other apps</source>
        <translation>Modelle aus anderen Apps</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hearth uses the models these apps downloaded where they are, without copying them, and never changes or deletes their files.</source>
        <translation>Hearth verwendet die Modelle, die diese Apps heruntergeladen haben, dort, wo sie liegen, ohne sie zu kopieren, und ändert oder löscht ihre Dateien nie.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Use models from %1</source>
        <translation>Modelle aus %1 verwenden</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>List %n forgotten model(s) again</source>
        <translation>
            <numerusform>%n vergessenes Modell wieder anzeigen</numerusform>
            <numerusform>%n vergessene Modelle wieder anzeigen</numerusform>
        </translation>
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
        <location filename="../../app/chat/modelscontroller.cpp" line="+148"/>
        <source>%1 of %2 · %3/s</source>
        <translation>%1 von %2 · %3/s</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No GGUF repositories found.</source>
        <translation>Keine GGUF-Repositorys gefunden.</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+14"/>
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
        <location line="+66"/>
        <source>Search Hugging Face</source>
        <translation>Hugging Face durchsuchen</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>No models yet. Download one from the catalog, or add a .gguf file you have.</source>
        <translation>Noch keine Modelle. Laden Sie eines aus dem Katalog herunter oder fügen Sie eine vorhandene .gguf-Datei hinzu.</translation>
    </message>
    <message>
        <location line="+19"/>
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
    <name>NetworkLogModel</name>
    <message>
        <location filename="../../app/chat/networklogmodel.cpp" line="+63"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <location filename="../../ui/pages/NetworkPage.qml" line="+19"/>
        <source>Network log</source>
        <translation>Netzwerkprotokoll</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Offline mode is on: every request is refused.</source>
        <translation>Der Offline-Modus ist an: Jede Anfrage wird abgelehnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hearth only goes online when you search for or download a model.</source>
        <translation>Hearth geht nur online, wenn Sie ein Modell suchen oder herunterladen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The log is also saved to %1.</source>
        <translation>Das Protokoll wird auch in %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The log is kept while Hearth runs; Settings can save it to a file.</source>
        <translation>Das Protokoll wird geführt, solange Hearth läuft; in den Einstellungen lässt es sich in eine Datei speichern.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No network request since Hearth started.</source>
        <translation>Keine Netzwerkanfrage seit dem Start von Hearth.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1  %2  %3 — %4</source>
        <translation>%1  %2  %3 — %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>in %1 · out %2 · %3</source>
        <translation>empfangen %1 · gesendet %2 · %3</translation>
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
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/components/PassphraseDialog.qml" line="+48"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase of your history</source>
        <translation>Passphrase Ihres Verlaufs</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../ui/components/PasswordDialog.qml" line="+24"/>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>That password is wrong. Try again.</source>
        <translation>Das Passwort ist falsch. Versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This PDF is encrypted. Enter its password to read it.</source>
        <translation>Dieses PDF ist verschlüsselt. Geben Sie sein Passwort ein, um es zu lesen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password of %1</source>
        <translation>Passwort von %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
</context>
<context>
    <name>PrivacySettings</name>
    <message>
        <location filename="../../ui/components/PrivacySettings.qml" line="+12"/>
        <source>Privacy</source>
        <translation>Privatsphäre</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Your history is encrypted. Hearth asks for the passphrase at every start.</source>
        <translation>Ihr Verlauf ist verschlüsselt. Hearth fragt bei jedem Start nach der Passphrase.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encryption was stopped part-way: part of your history is still in plain text.</source>
        <translation>Die Verschlüsselung wurde unterwegs angehalten: Ein Teil Ihres Verlaufs liegt noch im Klartext vor.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removing the encryption was stopped part-way.</source>
        <translation>Das Entfernen der Verschlüsselung wurde unterwegs angehalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your history is stored in plain text in %1.</source>
        <translation>Ihr Verlauf wird im Klartext in %1 gespeichert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Encryption covers messages, titles, system prompts, documents and summaries; dates, sizes and model names stay readable. Search keeps working.</source>
        <translation>Verschlüsselt werden Nachrichten, Titel, Systemprompts, Dokumente und Zusammenfassungen; Daten, Größen und Modellnamen bleiben lesbar. Die Suche funktioniert weiter.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Encryption progress</source>
        <translation>Fortschritt der Verschlüsselung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preparing…</source>
        <translation>Wird vorbereitet…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the encryption</source>
        <translation>Die Verschlüsselung anhalten</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Encrypt my history…</source>
        <translation>Meinen Verlauf verschlüsseln…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish encrypting…</source>
        <translation>Verschlüsselung abschließen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finish encrypting</source>
        <translation>Verschlüsselung abschließen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter the passphrase you chose to encrypt the rest of your history.</source>
        <translation>Geben Sie die gewählte Passphrase ein, um den Rest Ihres Verlaufs zu verschlüsseln.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypt</source>
        <translation>Verschlüsseln</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove encryption…</source>
        <translation>Verschlüsselung entfernen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Remove encryption</source>
        <translation>Verschlüsselung entfernen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Your history will be stored in plain text again. Enter its passphrase.</source>
        <translation>Ihr Verlauf wird wieder im Klartext gespeichert. Geben Sie seine Passphrase ein.</translation>
    </message>
</context>
<context>
    <name>RequestLogPage</name>
    <message>
        <location filename="../../ui/pages/RequestLogPage.qml" line="+22"/>
        <source>API request log</source>
        <translation>API-Anfrageprotokoll</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear the request log</source>
        <translation>Das Anfrageprotokoll leeren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Back to Settings</source>
        <translation>Zurück zu den Einstellungen</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Kept in memory while Hearth runs (the last %n request(s)); nothing of it is written to disk.</source>
        <translation>
            <numerusform>Im Arbeitsspeicher gehalten, solange Hearth läuft (die letzte %n Anfrage); nichts davon wird auf die Festplatte geschrieben.</numerusform>
            <numerusform>Im Arbeitsspeicher gehalten, solange Hearth läuft (die letzten %n Anfragen); nichts davon wird auf die Festplatte geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No request yet. Point a client at %1.</source>
        <translation>Noch keine Anfrage. Richten Sie ein Programm auf %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No request yet. Turn on the local API in Settings to serve requests.</source>
        <translation>Noch keine Anfrage. Schalten Sie die lokale API in den Einstellungen ein, um Anfragen zu beantworten.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>API requests</source>
        <translation>API-Anfragen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1  %2  %3 — %4</source>
        <translation>%1  %2  %3 — %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 + %2 tokens</source>
        <translation>%1 + %2 Tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/SettingsPage.qml" line="+40"/>
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
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <source>Offline mode</source>
        <translation>Offline-Modus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refuses every network request: searches and downloads of models. Downloads pause and go on when it is turned off. Chats never use the network.</source>
        <translation>Lehnt jede Netzwerkanfrage ab: Suchen und Herunterladen von Modellen. Downloads halten an und laufen weiter, wenn er ausgeschaltet wird. Chats verwenden nie das Netzwerk.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the network log</source>
        <translation>Das Netzwerkprotokoll speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the network log to a file</source>
        <translation>Das Netzwerkprotokoll in eine Datei speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appends each request to %1 (hearth-cli network-log prints it).</source>
        <translation>Hängt jede Anfrage an %1 an (hearth-cli network-log gibt sie aus).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the network log</source>
        <translation>Das Netzwerkprotokoll zeigen</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <location line="+6"/>
        <source>Incognito chat: not saved</source>
        <translation>Inkognito-Chat: nicht gespeichert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incognito chat</source>
        <translation>Inkognito-Chat</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New incognito chat, never saved</source>
        <translation>Neuer Inkognito-Chat, wird nie gespeichert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A chat that is never written to disk and is gone when you leave it</source>
        <translation>Ein Chat, der nie auf die Festplatte geschrieben wird und verschwindet, wenn Sie ihn verlassen</translation>
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
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network log</source>
        <translation>Netzwerkprotokoll</translation>
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
    <name>SummaryRun</name>
    <message>
        <location filename="../../app/chat/summaryrun.cpp" line="+9"/>
        <source>Starting…</source>
        <translation>Wird gestartet…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>part %1 of %2</source>
        <translation>Teil %1 von %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Reading the document</source>
        <translation>Das Dokument wird gelesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Merging notes</source>
        <translation>Notizen werden zusammengeführt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writing the summary</source>
        <translation>Die Zusammenfassung wird geschrieben</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>estimating time left…</source>
        <translation>verbleibende Zeit wird geschätzt…</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>about %n min left</source>
        <translation>
            <numerusform>noch etwa %n Minute</numerusform>
            <numerusform>noch etwa %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>about %n s left</source>
        <translation>
            <numerusform>noch etwa %n Sekunde</numerusform>
            <numerusform>noch etwa %n Sekunden</numerusform>
        </translation>
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
        <location filename="../../ui/components/TopBar.qml" line="+21"/>
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
        <location line="+11"/>
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
    <message numerus="yes">
        <location line="+14"/>
        <source>Serving API · %n request(s)</source>
        <translation>
            <numerusform>API bearbeitet · %n Anfrage</numerusform>
            <numerusform>API bearbeitet · %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the request log</source>
        <translation>Öffnet das Anfrageprotokoll</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline mode</source>
        <translation>Offline-Modus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline mode is on: Hearth makes no network requests.</source>
        <translation>Der Offline-Modus ist an: Hearth stellt keine Netzwerkanfragen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn on to refuse every network request.</source>
        <translation>Einschalten, um jede Netzwerkanfrage abzulehnen.</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <location filename="../../ui/pages/UnlockPage.qml" line="+29"/>
        <source>Your history is encrypted</source>
        <translation>Ihr Verlauf ist verschlüsselt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter your passphrase to see your conversations and documents.</source>
        <translation>Geben Sie Ihre Passphrase ein, um Ihre Unterhaltungen und Dokumente zu sehen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase of your history</source>
        <translation>Passphrase Ihres Verlaufs</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Unlocking</source>
        <translation>Wird entsperrt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlock the history</source>
        <translation>Den Verlauf entsperren</translation>
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
