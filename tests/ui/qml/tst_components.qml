import QtQuick
import QtTest
import Hearth

Item {
    id: root
    width: 800
    height: 600

    Component {
        id: messageComponent
        MessageDelegate {}
    }
    Component {
        id: inputComponent
        ChatInput { width: 600 }
    }
    Component {
        id: switcherComponent
        BranchSwitcher {}
    }
    Component {
        id: spyComponent
        SignalSpy {}
    }

    function findByName(item, name) {
        if (item.objectName === name)
            return item
        for (let i = 0; i < item.children.length; ++i) {
            const found = findByName(item.children[i], name)
            if (found)
                return found
        }
        if (item.contentItem && item.contentItem !== item) {
            const found = findByName(item.contentItem, name)
            if (found)
                return found
        }
        return null
    }

    function message(props) {
        const defaults = { messageId: 1, role: "assistant", content: "", blocks: [], reasoning: "", streaming: false,
                           stats: "", siblingIndex: 1, siblingCount: 1, error: "", citations: [] }
        return messageCase.createTemporaryObject(messageComponent, root, Object.assign(defaults, props))
    }

    TestCase {
        id: messageCase
        name: "MessageDelegate"
        when: windowShown

        function test_markdownAndCodeBlocks() {
            const d = message({
                content: "# Plan\n\n- milk\n- **eggs**\n```cpp\nint x = 1;\n```",
                blocks: [{ kind: "text", text: "# Plan\n\n- milk\n- **eggs**", language: "" },
                         { kind: "code", text: "int x = 1;", language: "cpp" }]
            })
            verify(d)
            const prose = findByName(d, "prose")
            verify(prose, "prose block")
            const shown = prose.getText(0, prose.length)
            verify(shown.indexOf("Plan") >= 0 && shown.indexOf("milk") >= 0, shown)
            verify(shown.indexOf("#") < 0 && shown.indexOf("**") < 0, "Markdown syntax is rendered, not shown: " + shown)
            const code = findByName(d, "codeText")
            verify(code, "code block")
            compare(code.text, "int x = 1;")
            compare(code.font.family, "monospace")

            const spy = createTemporaryObject(spyComponent, root, { target: d, signalName: "copyRequested" })
            mouseClick(findByName(d, "copyButton"))
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "int x = 1;")
        }

        function test_userMessageIsPlainText() {
            const d = message({ role: "user", content: "# not a heading" })
            verify(d)
            verify(findByName(d, "prose") === null)
        }
    }

    TestCase {
        name: "ChatInput"
        when: windowShown

        function test_enterSendsShiftEnterBreaksLine() {
            const input = createTemporaryObject(inputComponent, root, { ready: true })
            const sent = createTemporaryObject(spyComponent, root, { target: input, signalName: "sendRequested" })
            input.focusInput()
            keyClick(Qt.Key_H)
            keyClick(Qt.Key_I)
            keyClick(Qt.Key_Return, Qt.ShiftModifier)
            compare(sent.count, 0)
            keyClick(Qt.Key_O)
            keyClick(Qt.Key_Return)
            compare(sent.count, 1)
            compare(sent.signalArguments[0][0], "hi\no")
            const area = findByName(input, "chatInput")
            compare(area.text, "")
            verify(area.activeFocus, "focus stays in the box after sending")
        }

        function test_disabledWithoutModel() {
            const input = createTemporaryObject(inputComponent, root, { ready: false, disabledReason: "Load a model" })
            const sent = createTemporaryObject(spyComponent, root, { target: input, signalName: "sendRequested" })
            const area = findByName(input, "chatInput")
            verify(!area.enabled)
            compare(area.placeholderText, "Load a model")
            input.trySend()
            compare(sent.count, 0)
        }

        function test_tabLeavesTheBox() {
            const input = createTemporaryObject(inputComponent, root, { ready: true })
            const area = findByName(input, "chatInput")
            input.focusInput()
            keyClick(Qt.Key_A)
            keyClick(Qt.Key_Tab)
            compare(area.text, "a", "Tab types no tab character")
            verify(!area.activeFocus, "Tab moves the focus on")
            verify(findByName(input, "sendButton").activeFocus, "to Send, the next control")
            keyClick(Qt.Key_Backtab, Qt.ShiftModifier)
            verify(area.activeFocus, "Shift+Tab comes back")
        }

        function test_stopWhileGenerating() {
            const input = createTemporaryObject(inputComponent, root, { ready: true, generating: true })
            const stopped = createTemporaryObject(spyComponent, root, { target: input, signalName: "stopRequested" })
            const button = findByName(input, "sendButton")
            compare(button.text, "Stop")
            mouseClick(button)
            compare(stopped.count, 1)
        }
    }

    TestCase {
        name: "BranchSwitcher"
        when: windowShown

        function test_moves() {
            const s = createTemporaryObject(switcherComponent, root, { index: 1, count: 3 })
            verify(s.visible)
            const previous = findByName(s, "previousButton")
            const next = findByName(s, "nextButton")
            verify(!previous.enabled)
            verify(next.enabled)
            const spy = createTemporaryObject(spyComponent, root, { target: s, signalName: "next" })
            mouseClick(next)
            compare(spy.count, 1)
        }

        function test_hiddenForOneVersion() {
            const s = createTemporaryObject(switcherComponent, root, { index: 1, count: 1 })
            verify(!s.visible)
        }
    }
}
