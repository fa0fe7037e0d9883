/** Simplified Chinese for the scenarios messages. Keys are the English message ids (see scripts/message-ids.ts). */
import type { Dictionary } from '../language.js';

export const ZH: Dictionary = {
  // src/scenarios/toolchain-download.ts
  "Go toolchain switch or download failed": "Go 工具链切换或下载失败",
  "go.mod needs a different Go toolchain, and go could not switch to or download it.": "go.mod 需要另一个版本的 Go 工具链，而 go 无法切换到它，也无法下载它。",
  "Since Go 1.21, a go or toolchain line newer than the running Go makes go switch toolchains when GOTOOLCHAIN is auto (the default from $GOROOT/go.env): it looks for go1.N.M in PATH, then downloads the module golang.org/toolchain@v0.0.1-go1.N.M.<os>-<arch> through GOPROXY and verifies it with the checksum database even when GOSUMDB=off.": "从 Go 1.21 起，当 GOTOOLCHAIN 为 auto（$GOROOT/go.env 中的默认值）时，比正在运行的 Go 更新的 go 行或 toolchain 行会让 go 切换工具链：它先在 PATH 中查找 go1.N.M，然后通过 GOPROXY 下载模块 golang.org/toolchain@v0.0.1-go1.N.M.<os>-<arch>，并且即使 GOSUMDB=off 也会用校验和数据库校验它。",
  "With GOTOOLCHAIN=local it refuses with \"requires go >= …\".": "在 GOTOOLCHAIN=local 时，go 拒绝切换，并报告 \"requires go >= …\"。",
  "\"toolchain not available\" is any not-found answer, which includes GOPROXY=off and failed direct fetches.": "\"toolchain not available\" 表示收到的是任何一种“未找到”应答，包括 GOPROXY=off 和直接获取失败的情况。",
  "Go 1.19 and 1.20 do not know toolchain switching and reject three-part go lines; from Go 1.15 on, \\`go mod tidy\\` refuses a newer go line outright (\"go.mod file indicates go 1.17, but maximum supported version is 1.15\").": "Go 1.19 和 1.20 不支持工具链切换，并且会拒绝三段式的 go 行；从 Go 1.15 起，`go mod tidy` 会直接拒绝更新的 go 行（\"go.mod file indicates go 1.17, but maximum supported version is 1.15\"）。",
  "Install {0} yourself (https://go.dev/dl/) and put it first in PATH; with GOTOOLCHAIN=auto go also picks up a {1} binary found in PATH.": "自行安装 {0}（https://go.dev/dl/），并把它放在 PATH 的最前面；在 GOTOOLCHAIN=auto 时，go 也会使用在 PATH 中找到的 {1} 可执行文件。",
  "the required Go": "所需版本的 Go",
  "GOTOOLCHAIN={0} forbids switching: remove it so go downloads {1} by itself.": "GOTOOLCHAIN={0} 禁止切换工具链：删除它，让 go 自行下载 {1}。",
  "the required toolchain": "所需的工具链",
  "GOTOOLCHAIN={0} forbids switching: allow go to download {1} by itself.": "GOTOOLCHAIN={0} 禁止切换工具链：允许 go 自行下载 {1}。",
  "Go 1.21 and later switch toolchains by themselves; upgrading the installed Go to 1.21+ makes this automatic.": "Go 1.21 及更高版本会自行切换工具链；把已安装的 Go 升级到 1.21+ 后，这一步会自动完成。",
  "Only if the go line was raised by mistake: lower it to the running version ({0}). This can break code that needs the newer language features.": "仅当 go 行是被误改高时才这样做：把它降到正在运行的版本（{0}）。这可能会让需要新语言特性的代码无法编译。",
  "the installed Go": "已安装的 Go",
  "Toolchain downloads are always verified against the checksum database, even with GOSUMDB=off: turn it back on.": "工具链下载总会经过校验和数据库校验，即使 GOSUMDB=off 也是如此：请重新启用它。",
  "Check that {0} is a released Go version: a typo in the go or toolchain line (such as go 1.98.0) gives the same error.": "确认 {0} 是已发布的 Go 版本：go 行或 toolchain 行中的笔误（例如 go 1.98.0）也会导致同样的错误。",
  "the version": "该版本",
  "Toolchains are downloaded as the module golang.org/toolchain through GOPROXY (now: {0}): with GOPROXY=off, or direct on a network that cannot reach go.dev, the download fails. Use a proxy that serves golang.org/toolchain, or install the toolchain yourself.": "工具链作为模块 golang.org/toolchain 通过 GOPROXY（当前值：{0}）下载：在 GOPROXY=off 时，或者在无法访问 go.dev 的网络上使用 direct 时，下载都会失败。请使用提供 golang.org/toolchain 的模块代理，或自行安装工具链。",
  "Toolchains are downloaded as the module golang.org/toolchain through GOPROXY: with GOPROXY=off, or direct on a network that cannot reach go.dev, the download fails. Use a proxy that serves golang.org/toolchain, or install the toolchain yourself.": "工具链作为模块 golang.org/toolchain 通过 GOPROXY 下载：在 GOPROXY=off 时，或者在无法访问 go.dev 的网络上使用 direct 时，下载都会失败。请使用提供 golang.org/toolchain 的模块代理，或自行安装工具链。",
  "{0} names a language version, not a release: use a full release name such as {1}.0 in GOTOOLCHAIN or the toolchain line.": "{0} 是语言版本，而不是发布版本：请在 GOTOOLCHAIN 或 toolchain 行中使用完整的发布版本名，例如 {1}.0。",
  "The value": "这个值",
  "GOTOOLCHAIN=\"{0}\" is not valid. Valid forms: local, auto, path, go1.N.M, go1.N.M+auto, go1.N.M+path. Remove it to get the default (auto).": "GOTOOLCHAIN=\"{0}\" 无效。有效的形式：local、auto、path、go1.N.M、go1.N.M+auto、go1.N.M+path。删除它即可恢复默认值（auto）。",
  "GOTOOLCHAIN=…+path only searches PATH; +auto (or auto) also downloads the toolchain.": "GOTOOLCHAIN=…+path 只在 PATH 中查找；+auto（或 auto）还会下载工具链。",
  "This Go is older than 1.21 and cannot read go.mod files written for newer Go (three-part go lines, toolchain lines): install Go 1.21 or later, which also switches toolchains by itself.": "这个 Go 早于 1.21，无法读取为更新的 Go 编写的 go.mod 文件（三段式 go 行、toolchain 行）：请安装 Go 1.21 或更高版本，它还能自行切换工具链。",
};
