pragma Singleton
import QtQuick

// Colours, sizes and spacing for both themes. Text colours keep WCAG AA contrast (>= 4.5:1) on
// the backgrounds they are used on, in light and in dark.
QtObject {
    property bool dark: false
    property real fontScale: 1.0
    property real systemPointSize: Qt.application.font.pointSize > 0 ? Qt.application.font.pointSize : 10

    readonly property color background: dark ? "#1b1c1f" : "#ffffff"
    readonly property color sidebar: dark ? "#232428" : "#f4f4f6"
    readonly property color surface: dark ? "#2b2d31" : "#f7f7f8"
    readonly property color hover: dark ? "#33353b" : "#eaebef"
    readonly property color selected: dark ? "#3a3d45" : "#e2e5ec"
    readonly property color border: dark ? "#3a3c42" : "#dcdfe5"
    readonly property color text: dark ? "#ececf1" : "#1f2328"
    readonly property color mutedText: dark ? "#a8abb3" : "#5b616e"
    readonly property color accent: dark ? "#8cb0ff" : "#2f5fd0"
    readonly property color accentText: dark ? "#0d1117" : "#ffffff"
    readonly property color userBubble: dark ? "#2c3850" : "#e8effd"
    readonly property color codeBackground: dark ? "#141518" : "#f1f2f4"
    readonly property color danger: dark ? "#ff8a80" : "#b3261e"
    readonly property color warningBackground: dark ? "#4a3b12" : "#fff4d6"

    readonly property real fontSize: systemPointSize * fontScale
    readonly property real smallFontSize: fontSize * 0.88
    readonly property real titleFontSize: fontSize * 1.6
    readonly property string monoFamily: "monospace"
    readonly property int radius: 8
    readonly property int spacing: 8
    readonly property int contentWidth: 820
}
