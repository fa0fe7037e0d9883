/** Simplified Chinese for the check messages. Keys are the English message ids (see scripts/message-ids.ts). */
import type { Dictionary } from '../language.js';

export const ZH: Dictionary = {
  // src/fix.ts
  "{0} comes from the OS environment, which overrides \\`go env -w\\`: change it where it is set (shell profile, CI variables, Dockerfile ENV).": "{0} 来自操作系统环境变量，它会覆盖 `go env -w` 的设置：请在设置它的地方修改（shell 配置文件、CI 变量、Dockerfile ENV）。",
  "If {0} is set in your shell or CI environment, set it there instead: the OS environment overrides \\`go env -w\\`.": "如果 {0} 是在 shell 或 CI 环境中设置的，请改在那里设置：操作系统环境变量会覆盖 `go env -w`。",
  "{0} comes from the OS environment, which overrides \\`go env -w\\`: change it where it is set (shell profile, CI variables, Dockerfile ENV); \\`unset\\` only fixes the current shell.": "{0} 来自操作系统环境变量，它会覆盖 `go env -w` 的设置：请在设置它的地方修改（shell 配置文件、CI 变量、Dockerfile ENV）；`unset` 只对当前 shell 有效。",
  "The value comes from {0} (your Go distribution), so override it with \\`go env -w\\`.": "这个值来自 {0}（你的 Go 发行版），所以请用 `go env -w` 覆盖它。",
  "If {0} is set in your shell or CI environment, remove it there: the OS environment overrides the \\`go env -w\\` file.": "如果 {0} 是在 shell 或 CI 环境中设置的，请在那里删除它：操作系统环境变量会覆盖 `go env -w` 配置文件。",
  "Put the same value where {0} is set for the failing run (shell profile, CI variables).": "在失败的那次运行设置 {0} 的地方写入同样的值（shell 配置文件、CI 变量）。",
  "If {0} is set in your shell or CI environment, add {1} there instead: the OS environment overrides \\`go env -w\\`.": "如果 {0} 是在 shell 或 CI 环境中设置的，请改在那里加入 {1}：操作系统环境变量会覆盖 `go env -w`。",
  "Once set, {0} no longer inherits {1}, so its current entries are kept in the new value.": "一旦设置了 {0}，它就不再继承 {1}，所以新值保留了它当前的条目。",
  "Removed the spaces around {0}: go does not trim them, so those entries never matched.": "已去掉 {0} 两侧的空格：go 不会去掉这些空格，所以这些条目从未匹配过。",
  "{0} is read from the OS environment only: set it where the failing run gets its environment.": "{0} 只从操作系统环境变量中读取：请在失败的那次运行获取环境变量的地方设置它。",
  // src/check/fetch-failures.ts
  "the next entry is off, which ends the list": "下一个条目是 off，它会结束整个列表",
  "no later entry has it either": "后面的条目也都没有它",
  "go reports this error although the walk ended at {0}": "虽然遍历在 {0} 处结束，go 报告的却是这个错误",
  "go reports this error although the walk ended at a later entry": "虽然遍历在后面的条目处结束，go 报告的却是这个错误",
  "it is the last GOPROXY entry": "它是 GOPROXY 的最后一个条目",
  "\",\" after it falls through only on 404/410, so go never tries the next entry": "它后面的 \",\" 只在 404/410 时才转到下一个条目，所以 go 不会尝试下一个条目",
  "no later entry answered": "后面的条目都没有应答",
  // src/check/lookup-finding.ts
  "The checksum database does not know {0} ({1}): the module is private or does not exist, and go refuses to use it unverified.": "校验和数据库中没有 {0}（{1}）：该模块是私有模块或并不存在，而 go 拒绝使用未经校验的模块。",
  "The checksum database does not know {0} modules ({1}): the module is private or does not exist, and go refuses to use it unverified.": "校验和数据库中没有这 {0} 个模块（{1}）：它们是私有模块或并不存在，而 go 拒绝使用未经校验的模块。",
  "Looking up {0} in the checksum database fails: {1} {2}.": "在校验和数据库中查询 {0} 失败：{1} {2}。",
  "Looking up {0} modules in the checksum database fails: {1} {2}.": "在校验和数据库中查询 {0} 个模块失败：{1} {2}。",
  // src/check/pattern-breadth.ts
  "\"{0}\" matches every module under any host": "\"{0}\" 匹配任意主机下的所有模块",
  "\"{0}\" matches every module under {1}": "\"{0}\" 匹配 {1} 下的所有模块",
  "\"{0}\" matches every module on {1}": "\"{0}\" 匹配 {1} 上的所有模块",
  "{0} is wider than needed: modules it covers skip the checksum database and every proxy (through GONOSUMDB and GONOPROXY), and {1} covers public modules too.": "{0} 的范围过宽：它覆盖的模块会跳过校验和数据库和所有模块代理（通过 GONOSUMDB 和 GONOPROXY），而 {1} 连公共模块也覆盖了。",
  "{0} is wider than needed: modules it covers are never checked against the checksum database, and {1} covers public modules too.": "{0} 的范围过宽：它覆盖的模块永远不会经过校验和数据库校验，而 {1} 连公共模块也覆盖了。",
  "{0} is wider than needed: direct fetches of modules it covers skip TLS verification and may use plain http, and {1} covers public modules too.": "{0} 的范围过宽：直接获取它覆盖的模块时会跳过 TLS 验证，还可能使用明文 http，而 {1} 连公共模块也覆盖了。",
  "it covers public modules from go.mod, e.g. {0}": "它覆盖了 go.mod 中的公共模块，例如 {0}",
  "List only your private paths in {0} instead of {1}.": "在 {0} 中只列出你的私有路径，不要使用 {1}。",
  "Narrow {0} to the paths that need it ({1} from go.mod).": "把 {0} 缩小到真正需要的路径（来自 go.mod 的 {1}）。",
  "Narrow {0} to the paths that need it.": "把 {0} 缩小到真正需要的路径。",
  "Remove it and add back only private patterns (e.g. git.corp.example.com, github.com/acme/*).": "先删除它，再只加回私有模块的模式（例如 git.corp.example.com, github.com/acme/*）。",
  // src/check/probe-cause.ts
  "answered 200 with an HTML page ({0}), not the module proxy protocol": "返回了 200 和一个 HTML 页面（{0}），而不是模块代理协议的内容",
  "answered 200 with something go cannot use ({0})": "返回了 200，但内容 go 无法使用（{0}）",
  "failed": "失败",
  "did not answer before the {0} ms deadline ({1} phase: {2}); go has no overall timeout and would keep waiting": "在 {0} ms 的截止时间前没有应答（{1} 阶段：{2}）；go 没有总体超时，会一直等下去",
  "reached a limit of goproxy-doctor's own probe ({0}), not a failure go would have: this answer could not be checked": "触及了 goproxy-doctor 自身探测的限制（{0}），这不是 go 会遇到的失败：无法检查这个应答",
  "redirected to a {0}:// URL, which go cannot fetch ({1})": "重定向到了 go 无法获取的 {0}:// URL（{1}）",
  "could not be resolved: {0}": "无法解析：{0}",
  "could not be connected to: {0}": "无法连接：{0}",
  "could not be reached through the HTTP proxy {0}: {1}": "无法通过 HTTP 代理 {0} 访问：{1}",
  "could not be reached through the HTTP proxy: {0}": "无法通过 HTTP 代理访问：{0}",
  "presented a certificate go does not trust: {0}": "出示了 go 不信任的证书：{0}",
  "answers in plain HTTP, not HTTPS: {0}": "用明文 HTTP 而不是 HTTPS 应答：{0}",
  "failed the TLS handshake: {0}": "在 TLS 握手时失败：{0}",
  "was refused before any request: {0}": "在发出任何请求之前就被拒绝：{0}",
  "redirected in a loop: {0}": "陷入了循环重定向：{0}",
  "broke off the response: {0}": "中途断开了响应：{0}",
  "answered {0}": "返回了 {0}",
  "{0} although credentials were sent": "{0}（尽管已发送凭据）",
  "{0} (the proxy could not read the repository)": "{0}（代理无法读取该仓库）",
  // src/check/probe-evidence.ts
  "total {0}": "总计 {0}",
  "{0} but unusable": "{0}，但无法使用",
  "no answer ({0} phase, timed out)": "无应答（{0} 阶段，超时）",
  "failed at the {0} phase": "在 {0} 阶段失败",
  "entry {0}": "条目 {0}",
  "through the HTTP proxy {0} from {1}": "经由 HTTP 代理 {0}（来自 {1}）",
  "through the HTTP proxy {0}": "经由 HTTP 代理 {0}",
  "not proxied: NO_PROXY entry \"{0}\" matches": "未经代理：NO_PROXY 条目 \"{0}\" 与之匹配",
  "TLS certificate: subject {0}; issuer {1}; valid {2} to {3}; verifies against the roots go uses": "TLS 证书：主体 {0}；签发者 {1}；有效期 {2} 至 {3}；能通过 go 所用根证书的验证",
  "TLS certificate: subject {0}; issuer {1}; valid {2} to {3}; does not verify against the roots go uses": "TLS 证书：主体 {0}；签发者 {1}；有效期 {2} 至 {3}；无法通过 go 所用根证书的验证",
  "sent credentials from .netrc (machine {0})": "发送了 .netrc 中的凭据（machine {0}）",
  "sent credentials from the URL": "发送了 URL 中的凭据",
  "server response: {0}": "服务器响应：{0}",
  "redirected {0} time, last to {1}": "重定向 {0} 次，最后到 {1}",
  "redirected {0} times, last to {1}": "重定向 {0} 次，最后到 {1}",
  "not evaluated: {0}": "未评估：{0}",
  // src/check/rule-kit.ts
  "set in the OS environment": "在操作系统环境变量中设置",
  "set with go env -w ({0})": "用 go env -w 设置（{0}）",
  "set with go env -w (the go env file)": "用 go env -w 设置（go env 配置文件）",
  "from {0}": "来自 {0}",
  "inherited from GOPRIVATE": "继承自 GOPRIVATE",
  "the default": "默认值",
  "from go env": "来自 go env",
  "go would report: {0}": "预计 go 会报告：{0}",
  // src/check/rules/canary-not-served.ts
  "A private proxy does not serve the public module checked when nothing else was named.": "私有模块代理不提供在未指定其他模块时用于检查的公共模块。",
  "{0} does not serve the public module {1} (it {2}): fine if it only serves your own modules. No module was named and there is no go.mod, so nothing else was checked.": "{0} 不提供公共模块 {1}（它{2}）：如果它只提供你自己的模块，这没有问题。没有指定模块，也没有 go.mod，所以没有检查其他模块。",
  "Check a module this proxy should serve.": "检查一个这个代理应当提供的模块。",
  // src/check/rules/direct-not-probed.ts
  "Modules fetched directly from their origin whose access was not evaluated.": "直接从源获取的模块，其访问情况未经评估。",
  "{0} is fetched directly from its origin (git or go-get); goproxy-doctor does not probe version-control access.": "{0} 直接从其源获取（git 或 go-get）；goproxy-doctor 不探测版本控制系统的访问。",
  "{0} modules are fetched directly from their origin (git or go-get); goproxy-doctor does not probe version-control access.": "{0} 个模块直接从其源获取（git 或 go-get）；goproxy-doctor 不探测版本控制系统的访问。",
  // src/check/rules/entry-failed-fallthrough.ts
  "A GOPROXY entry fails, but \"|\" lets go fall through to the next one.": "某个 GOPROXY 条目失败，但 \"|\" 让 go 转到下一个条目。",
  "{0} {1} for {2}, but \"|\" after it lets go fall through to the next entry, so builds still work, only slower.": "{0} 在获取 {2} 时{1}，但它后面的 \"|\" 让 go 转到下一个条目，所以构建仍能成功，只是更慢。",
  "{0} {1} for {2} modules, but \"|\" after it lets go fall through to the next entry, so builds still work, only slower.": "{0} 在获取 {2} 个模块时{1}，但它后面的 \"|\" 让 go 转到下一个条目，所以构建仍能成功，只是更慢。",
  // src/check/rules/go-too-new.ts
  "The go.mod file needs a newer Go than would run, and GOTOOLCHAIN forbids switching.": "go.mod 需要比将要运行的 Go 更新的版本，而 GOTOOLCHAIN 禁止切换。",
  "go.mod needs Go {0}, but go {1} would run and GOTOOLCHAIN does not let it switch.": "go.mod 需要 Go {0}，但将要运行的是 go {1}，而 GOTOOLCHAIN 不允许切换工具链。",
  // src/check/rules/go111module-off.ts
  "GO111MODULE=off: go ignores go.mod, GOPROXY and the checksum database.": "GO111MODULE=off：go 会忽略 go.mod、GOPROXY 和校验和数据库。",
  "GO111MODULE=off: go runs in GOPATH mode and ignores go.mod, GOPROXY and the checksum database.": "GO111MODULE=off：go 以 GOPATH 模式运行，忽略 go.mod、GOPROXY 和校验和数据库。",
  // src/check/rules/goauth-ignored.ts
  "GOAUTH is set, but this go predates it.": "设置了 GOAUTH，但这个 go 的版本早于 GOAUTH 的引入。",
  "GOAUTH is set, but {0} predates it (Go 1.24): this go reads credentials from .netrc only.": "设置了 GOAUTH，但 {0} 早于引入它的版本（Go 1.24）：这个 go 只从 .netrc 读取凭据。",
  // src/check/rules/goauth-invalid.ts
  "GOAUTH is invalid: go stops at its first https request.": "GOAUTH 无效：go 会在第一个 https 请求时停止。",
  "Remove GOAUTH to get the default (netrc); \\`off\\` must stand alone, and \\`git\\` needs one absolute directory.": "删除 GOAUTH 以使用默认值（netrc）；`off` 必须单独使用，`git` 需要且只能跟一个绝对路径目录。",
  // src/check/rules/goauth-not-evaluated.ts
  "GOAUTH runs commands goproxy-doctor does not run.": "GOAUTH 会运行 goproxy-doctor 不运行的命令。",
  "GOAUTH runs {0}, which goproxy-doctor does not run: probes carry only .netrc credentials, so a 401 below may not happen for go.": "GOAUTH 会运行 {0}，而 goproxy-doctor 不运行它们：探测请求只携带 .netrc 中的凭据，所以下面的 401 对 go 来说未必会出现。",
  // src/check/rules/goauth-off.ts
  "GOAUTH=off: go sends no credentials.": "GOAUTH=off：go 不发送任何凭据。",
  "GOAUTH=off: go sends no credentials at all, not even from .netrc.": "GOAUTH=off：go 完全不发送凭据，连 .netrc 中的也不发送。",
  // src/check/rules/goenv-shadowed.ts
  "A go env -w value is shadowed by the OS environment.": "用 go env -w 设置的值被操作系统环境变量覆盖。",
  "{0} from \\`go env -w\\` is shadowed by the OS environment: go uses {1}, not the file's value.": "来自 `go env -w` 的 {0} 被操作系统环境变量覆盖：go 使用的是 {1}，而不是配置文件中的值。",
  "Or, if the OS environment value is the one you want, drop the stale file value.": "或者，如果你要的正是操作系统环境变量中的值，就删除配置文件中过时的值。",
  // src/check/rules/goflags-insecure.ts
  "GOFLAGS holds -insecure, which makes go get fail.": "GOFLAGS 包含 -insecure，这会让 go get 失败。",
  "Remove -insecure from GOFLAGS: it was removed from go get.": "从 GOFLAGS 中删除 -insecure：go get 已经移除了这个标志。",
  "GOFLAGS contains -insecure: \\`go get\\` fails with \"{0}\".": "GOFLAGS 包含 -insecure：`go get` 会失败并报告 \"{0}\"。",
  // src/check/rules/goinsecure-too-broad.ts
  "GOINSECURE covers public modules too, so their direct fetches skip TLS verification.": "GOINSECURE 也覆盖了公共模块，直接获取它们时会跳过 TLS 验证。",
  // src/check/rules/gomod-unreadable.ts
  "The go.mod file exists but could not be read, so its requirements were not checked.": "go.mod 文件存在但无法读取，所以没有检查其中的依赖。",
  "go.mod could not be read ({0}): its requirements were not checked.": "无法读取 go.mod（{0}）：没有检查其中的依赖。",
  "Name the modules to check instead.": "请改为指定要检查的模块。",
  // src/check/rules/gonoproxy-without-direct.ts
  "GONOPROXY is set but GOPROXY has no direct: only GONOPROXY paths are fetched directly.": "设置了 GONOPROXY，但 GOPROXY 中没有 direct：只有匹配 GONOPROXY 的路径会直接获取。",
  "GONOPROXY is set but GOPROXY has no \\`direct\\`: paths matching GONOPROXY are still fetched directly (go puts a hidden direct step first for them), and no other module falls back to direct.": "设置了 GONOPROXY，但 GOPROXY 中没有 `direct`：匹配 GONOPROXY 的路径仍会直接获取（go 会为它们在最前面加一个隐藏的 direct 步骤），而其他模块都不会回退到 direct。",
  "Only if other modules should be fetched from their origin when the proxies do not have them (404/410): end GOPROXY with direct.": "只有当代理中没有的其他模块（404/410）也应从源获取时才这样做：在 GOPROXY 末尾加上 direct。",
  // src/check/rules/gonosumdb-too-broad.ts
  "GONOSUMDB covers public modules too, so they are never checked against the checksum database.": "GONOSUMDB 也覆盖了公共模块，它们永远不会经过校验和数据库校验。",
  // src/check/rules/goprivate-too-broad.ts
  "GOPRIVATE covers public modules too, so they skip the checksum database and the proxies.": "GOPRIVATE 也覆盖了公共模块，它们会跳过校验和数据库和模块代理。",
  // src/check/rules/goproxy-credentials-http.ts
  "A GOPROXY entry carries credentials over plain http://, which go refuses.": "某个 GOPROXY 条目通过明文 http:// 携带凭据，go 拒绝这样做。",
  "A GOPROXY entry carries credentials over plain http://, which go refuses: every request to {0} fails.": "某个 GOPROXY 条目通过明文 http:// 携带凭据，go 拒绝这样做：发往 {0} 的每个请求都会失败。",
  // src/check/rules/goproxy-credentials.ts
  "An https GOPROXY entry has credentials in its URL.": "某个 https GOPROXY 条目的 URL 中带有凭据。",
  "A GOPROXY entry has credentials in its URL ({0}): they show up in \\`go env\\` output, CI logs and bug reports.": "某个 GOPROXY 条目的 URL 中带有凭据（{0}）：它们会出现在 `go env` 的输出、CI 日志和问题报告中。",
  "Keep the credentials in ~/.netrc instead (go sends them to {0} over https; Go 1.19 matches the host name without the port).": "改为把凭据保存在 ~/.netrc 中（go 会通过 https 把它们发送给 {0}；Go 1.19 按不带端口的主机名匹配）。",
  "Keep the credentials in ~/.netrc instead (go sends them to {0} over https; Go 1.21+ matches host:port exactly).": "改为把凭据保存在 ~/.netrc 中（go 会通过 https 把它们发送给 {0}；Go 1.21+ 按 host:port 精确匹配）。",
  "Then remove the credentials from GOPROXY.": "然后从 GOPROXY 中删除凭据。",
  // src/check/rules/goproxy-empty.ts
  "GOPROXY has no entries, so every module download fails.": "GOPROXY 中没有任何条目，所以每次下载模块都会失败。",
  "GOPROXY has no entries, so every module download fails before any request.": "GOPROXY 中没有任何条目，所以每次下载模块都会在发出请求之前失败。",
  // src/check/rules/goproxy-invalid.ts
  "A GOPROXY entry is invalid, so every module download fails.": "某个 GOPROXY 条目无效，所以每次下载模块都会失败。",
  "go cannot parse a GOPROXY entry as a URL: write each entry as https://host[/path] (or direct, off), separated by \",\" or \"|\".": "go 无法把某个 GOPROXY 条目解析为 URL：把每个条目写成 https://host[/path]（或 direct、off），用 \",\" 或 \"|\" 分隔。",
  "GOPROXY is invalid, so every module download fails before any request.": "GOPROXY 无效，所以每次下载模块都会在发出请求之前失败。",
  // src/check/rules/goproxy-off.ts
  "GOPROXY=off: modules not already in the module cache cannot be downloaded.": "GOPROXY=off：不在模块缓存中的模块都无法下载。",
  "GOPROXY=off: this module cannot be downloaded unless already in the module cache.": "GOPROXY=off：除非已在模块缓存中，否则这个模块无法下载。",
  "GOPROXY=off: these {0} modules cannot be downloaded unless already in the module cache.": "GOPROXY=off：除非已在模块缓存中，否则这 {0} 个模块无法下载。",
  "GOPROXY=off: modules not already in the module cache cannot be downloaded (only GONOPROXY/GOPRIVATE paths are still fetched directly).": "GOPROXY=off：不在模块缓存中的模块都无法下载（只有匹配 GONOPROXY/GOPRIVATE 的路径仍会直接获取）。",
  // src/check/rules/goproxy-semicolon.ts
  "GOPROXY uses \";\" between entries, which go reads as part of one URL.": "GOPROXY 在条目之间使用了 \";\"，go 会把它当作同一个 URL 的一部分。",
  "Separate GOPROXY entries with \",\" (or \"|\" to move on after any error, not only 404/410): go does not split at \";\".": "用 \",\" 分隔 GOPROXY 条目（或者用 \"|\"，这样出现任何错误后都会转到下一个条目，而不只是 404/410）：go 不会在 \";\" 处拆分。",
  "go splits GOPROXY only at \",\" and \"|\" (go1.26 src/cmd/go/internal/modfetch/proxy.go:71): {0} is one entry": "go 只在 \",\" 和 \"|\" 处拆分 GOPROXY（go1.26 src/cmd/go/internal/modfetch/proxy.go:71）：{0} 是一个条目",
  "go splits GOPROXY only at \",\" and \"|\" (go1.26 src/cmd/go/internal/modfetch/proxy.go:71): {0} are single entries": "go 只在 \",\" 和 \"|\" 处拆分 GOPROXY（go1.26 src/cmd/go/internal/modfetch/proxy.go:71）：{0} 各自是一个条目",
  "go sends every request for this entry to the host {0}, a name that cannot resolve": "go 会把这个条目的每个请求都发往主机 {0}，而这个名字无法解析",
  "go asks {0} for paths under {1}, e.g. {2}": "go 会向 {0} 请求 {1} 下的路径，例如 {2}",
  "GOPROXY uses \";\" between entries, but go separates entries only with \",\" and \"|\": it reads {0} as one URL, and the entries after \";\" are never tried.": "GOPROXY 在条目之间使用了 \";\"，但 go 只用 \",\" 和 \"|\" 分隔条目：它把 {0} 当作一个 URL，\";\" 之后的条目永远不会被尝试。",
  "GOPROXY uses \";\" between entries, but go separates entries only with \",\" and \"|\": it reads {0} as URLs, and the entries after \";\" are never tried.": "GOPROXY 在条目之间使用了 \";\"，但 go 只用 \",\" 和 \"|\" 分隔条目：它把 {0} 各自当作一个 URL，\";\" 之后的条目永远不会被尝试。",
  // src/check/rules/goproxy-unreachable-entries.ts
  "GOPROXY lists entries after direct or off, which go never reaches.": "GOPROXY 在 direct 或 off 之后还列出了条目，go 永远不会用到它们。",
  "Remove off, so go uses {0}.": "删除 off，让 go 使用 {0}。",
  "Put direct last, so go tries {0} first and fetches from the origin only when it does not have a module.": "把 direct 放到最后，让 go 先尝试 {0}，只有它没有某个模块时才从源获取。",
  "Put direct last, so go tries {0} first and fetches from the origin only when they do not have a module.": "把 direct 放到最后，让 go 先尝试 {0}，只有它们都没有某个模块时才从源获取。",
  "Or keep what go does today and drop the entry it never reads.": "或者保持 go 现在的行为，删除它从不读取的那个条目。",
  "Or keep what go does today and drop the entries it never reads.": "或者保持 go 现在的行为，删除它从不读取的那些条目。",
  "Keep what go does today and drop the entry it never reads.": "保持 go 现在的行为，删除它从不读取的那个条目。",
  "Keep what go does today and drop the entries it never reads.": "保持 go 现在的行为，删除它从不读取的那些条目。",
  "GOPROXY lists {0} entry after \"{1}\", which go never reaches: \"{2}\" ends the list.": "GOPROXY 在 \"{1}\" 之后列出了 {0} 个条目，go 永远不会用到：\"{2}\" 会结束整个列表。",
  "GOPROXY lists {0} entries after \"{1}\", which go never reaches: \"{2}\" ends the list.": "GOPROXY 在 \"{1}\" 之后列出了 {0} 个条目，go 永远不会用到：\"{2}\" 会结束整个列表。",
  "go stops reading GOPROXY at \"direct\" and \"off\" (go1.26 src/cmd/go/internal/modfetch/proxy.go:84-95); never read: {0}": "go 读到 \"direct\" 或 \"off\" 就不再读取 GOPROXY（go1.26 src/cmd/go/internal/modfetch/proxy.go:84-95）；从未读取：{0}",
  // src/check/rules/gosumdb-invalid.ts
  "GOSUMDB is invalid: verification fails for every new module.": "GOSUMDB 无效：每个新模块的校验都会失败。",
  "GOSUMDB is invalid: every module whose hash is not yet in go.sum fails verification.": "GOSUMDB 无效：哈希尚未记录在 go.sum 中的模块都会校验失败。",
  // src/check/rules/gosumdb-off.ts
  "GOSUMDB=off: downloaded modules are not verified.": "GOSUMDB=off：下载的模块不会被校验。",
  "Exclude only your private paths ({0}) from the checksum database, then turn it back on with the next fix.": "只把你的私有路径（{0}）排除在校验和数据库之外，然后用下一条修复方法重新启用它。",
  "Turn checksum verification back on (sum.golang.org by default); list private paths in GOPRIVATE or GONOSUMDB instead of disabling it for everything.": "重新启用校验和校验（默认使用 sum.golang.org）；把私有路径列在 GOPRIVATE 或 GONOSUMDB 中，而不是对所有模块都禁用校验。",
  "GOSUMDB=off: new modules are trusted on first download, whoever served them; a tampered proxy or mirror goes unnoticed.": "GOSUMDB=off：新模块首次下载时就被信任，无论由谁提供；被篡改的模块代理或镜像不会被发现。",
  // src/check/rules/gotoolchain-invalid.ts
  "GOTOOLCHAIN is invalid: every go command fails at startup.": "GOTOOLCHAIN 无效：每个 go 命令都会在启动时失败。",
  // src/check/rules/http-proxy-unparseable.ts
  "An HTTP proxy variable holds a value Go cannot parse, so go connects directly.": "某个 HTTP 代理环境变量的值 Go 无法解析，所以 go 会直接连接。",
  "{0} holds a value Go cannot parse, so go silently connects directly for {1} URLs.": "{0} 的值 Go 无法解析，所以 go 对 {1} URL 会不加提示地直接连接。",
  "The proxy variable holds a value Go cannot parse, so go silently connects directly for {0} URLs.": "代理环境变量的值 Go 无法解析，所以 go 对 {0} URL 会不加提示地直接连接。",
  // src/check/rules/invalid-go-line.ts
  "The go line of go.mod is not valid.": "go.mod 的 go 行无效。",
  "go.mod's go line is not valid, so go cannot read go.mod.": "go.mod 的 go 行无效，所以 go 无法读取 go.mod。",
  "Write the go line as 1.N or 1.N.M (for example 1.22 or 1.22.3).": "把 go 行写成 1.N 或 1.N.M（例如 1.22 或 1.22.3）。",
  // src/check/rules/invalid-toolchain-line.ts
  "The toolchain line of go.mod is not valid.": "go.mod 的 toolchain 行无效。",
  "go.mod's toolchain line is not valid, so go cannot read go.mod.": "go.mod 的 toolchain 行无效，所以 go 无法读取 go.mod。",
  "Write the toolchain line as go1.N.M or default.": "把 toolchain 行写成 go1.N.M 或 default。",
  // src/check/rules/module-fetch-failed.ts
  "A module the build needs cannot be fetched through the GOPROXY chain.": "构建需要的某个模块无法通过 GOPROXY 链获取。",
  "Write \"|\" instead of \",\" after {0} so go tries the next entry when this one fails with anything, not only 404/410.": "在 {0} 后面写 \"|\" 而不是 \",\"，这样这个条目出现任何失败（而不只是 404/410）时，go 都会尝试下一个条目。",
  "{0} would fail at {1}, which {2}; {3}.": "{0} 会在 {1} 处失败，该条目{2}；{3}。",
  "{0} modules would fail at {1}, which {2}; {3}.": "{0} 个模块会在 {1} 处失败，该条目{2}；{3}。",
  "(checked with the public module goproxy-doctor uses when no module is named and there is no go.mod)": "（检查所用的是 goproxy-doctor 在未指定模块且没有 go.mod 时使用的公共模块）",
  // src/check/rules/modules-sampled.ts
  "The go.mod file has more requirements than were checked.": "go.mod 中的依赖比实际检查的多。",
  "go.mod has {0} requirements; the first {1} (direct ones first) were checked.": "go.mod 有 {0} 个依赖；只检查了前 {1} 个（直接依赖优先）。",
  "Check a specific module by naming it.": "指定模块即可检查某个特定模块。",
  // src/check/rules/netrc-machine-mismatch.ts
  "A .netrc entry names a GOPROXY host, but not the way this go matches it.": ".netrc 中有 GOPROXY 主机的条目，但写法与这个 go 的匹配方式不符。",
  ".netrc has \"machine {0}\", but {1} looks up \"machine {2}\" for {3}, so no credentials are sent.": ".netrc 中有 \"machine {0}\"，但 {1} 为 {3} 查找的是 \"machine {2}\"，所以不会发送凭据。",
  "go1.19 compares the host name without the port (go1.19 src/cmd/go/internal/auth/auth.go:13)": "go1.19 比较不带端口的主机名（go1.19 src/cmd/go/internal/auth/auth.go:13）",
  "go1.21 and later compare host:port when the URL has a port (go1.23 src/cmd/go/internal/auth/auth.go:13-16)": "go1.21 及以后的版本在 URL 带端口时比较 host:port（go1.23 src/cmd/go/internal/auth/auth.go:13-16）",
  "Add an entry for {0} (keep the old one for other Go versions).": "为 {0} 添加一个条目（保留旧条目给其他 Go 版本使用）。",
  // src/check/rules/pattern-ignored.ts
  "Some pattern-list entries can never match a module path, so go ignores them.": "模式列表中的某些条目永远无法匹配模块路径，所以 go 会忽略它们。",
  "entries with spaces never match (go does not trim them): {0}": "带空格的条目永远不会匹配（go 不会去掉空格）：{0}",
  "malformed patterns are silently ignored: {0}": "格式错误的模式会被悄悄忽略：{0}",
  "patterns are module paths, not URLs: {0} never match": "模式是模块路径，不是 URL：{0} 永远不会匹配",
  "Some {0} entries can never match a module path, so go ignores them.": "{0} 中的某些条目永远无法匹配模块路径，所以 go 会忽略它们。",
  "Remove {0}: none of its entries can match.": "删除 {0}：它的条目都无法匹配。",
  "Rewrite {0} with the entries go can match.": "用 go 能匹配的条目重写 {0}。",
  // src/check/rules/private-module-public-proxy.ts
  "A private-looking module would be requested from a public proxy.": "看似私有的模块会向公共模块代理请求。",
  "{0} looks private but would be requested from the public proxy {1}, which cannot read private repositories.": "{0} 看起来是私有模块，但会向公共模块代理 {1} 请求，而它无法读取私有仓库。",
  "{0} modules under {1} look private but would be requested from the public proxy {2}, which cannot read private repositories.": "{1} 下的 {0} 个模块看起来是私有模块，但会向公共模块代理 {2} 请求，而它无法读取私有仓库。",
  // src/check/rules/ssl-cert-file-unreadable.ts
  "SSL_CERT_FILE names a file Go cannot read.": "SSL_CERT_FILE 指向一个 Go 无法读取的文件。",
  "SSL_CERT_FILE names a file Go cannot read, so only the certificate directories supply trusted roots.": "SSL_CERT_FILE 指向一个 Go 无法读取的文件，所以受信任的根证书只来自证书目录。",
  "Point SSL_CERT_FILE at a readable PEM bundle (the public roots plus your CA), or unset it.": "让 SSL_CERT_FILE 指向一个可读的 PEM 证书包（公共根证书加上你的 CA），或者取消设置它。",
  // src/check/rules/ssl-cert-ignored.ts
  "SSL_CERT_FILE/SSL_CERT_DIR are ignored on macOS and Windows.": "在 macOS 和 Windows 上，SSL_CERT_FILE/SSL_CERT_DIR 会被忽略。",
  "{0} and {1} are ignored on {2}: Go uses the platform's certificate verifier there.": "在 {2} 上，{0} 和 {1} 会被忽略：Go 在那里使用平台自带的证书验证机制。",
  "{0} is ignored on {1}: Go uses the platform's certificate verifier there.": "在 {1} 上，{0} 会被忽略：Go 在那里使用平台自带的证书验证机制。",
  "Add the CA to the system keychain or certificate store instead.": "改为把 CA 添加到系统钥匙串或证书存储中。",
  // src/check/rules/sumdb-bad-tree-head.ts
  "The signed tree head is malformed or unusable.": "签名树头格式错误或无法使用。",
  // src/check/rules/sumdb-key-mismatch.ts
  "The signed tree head does not verify against the GOSUMDB key.": "签名树头无法通过 GOSUMDB 公钥的验证。",
  // src/check/rules/sumdb-lookup-error.ts
  "A checksum-database lookup fails on the network, a proxy or the server.": "校验和数据库查询因网络、代理或服务器而失败。",
  // src/check/rules/sumdb-not-found.ts
  "The checksum database does not know a module that needs verifying.": "校验和数据库中没有某个需要校验的模块。",
  // src/check/rules/sumdb-proxy-failed.ts
  "Fix {0}: /sumdb/{1}/supported must answer 200 if it proxies the checksum database, or 404/410 so go moves on.": "修复 {0}：如果它代理校验和数据库，/sumdb/{1}/supported 必须返回 200；否则应返回 404/410，让 go 转到下一个条目。",
  "Fix the proxy: /sumdb/{0}/supported must answer 200 if it proxies the checksum database, or 404/410 so go moves on.": "修复该代理：如果它代理校验和数据库，/sumdb/{0}/supported 必须返回 200；否则应返回 404/410，让 go 转到下一个条目。",
  "Or name the database's URL in GOSUMDB: go then reaches it there and never asks the proxies (verification stays as strong: same key).": "或者在 GOSUMDB 中写明数据库的 URL：go 就会直接到那里访问它，不再询问模块代理（校验同样严格：公钥相同）。",
  "A GOPROXY entry fails the question whether it proxies the checksum database.": "某个 GOPROXY 条目在被询问是否代理校验和数据库时失败。",
  "{0}, asked for /sumdb/{1}/supported,": "{0} 在被请求 /sumdb/{1}/supported 时",
  "The proxy, asked for /sumdb/{0}/supported,": "该代理在被请求 /sumdb/{0}/supported 时",
  "(go asks each GOPROXY entry whether it proxies the checksum database, and gives up on any answer but 200, 404 or 410, even after \"|\")": "（go 会依次询问每个 GOPROXY 条目是否代理校验和数据库，只要应答不是 200、404 或 410 就会放弃，即使条目后面是 \"|\" 也一样）",
  // src/check/rules/sumdb-unreachable.ts
  "The checksum database cannot be reached, or fails.": "校验和数据库无法访问，或者出错。",
  "The checksum database {0} at {1}": "校验和数据库 {0}（位于 {1}）",
  // src/check/rules/tls-roots-skipped.ts
  "A certificate file go would read is a FIFO, a device or far too large.": "go 会读取的某个证书文件是 FIFO、设备文件，或者远超正常大小。",
  "go reads every certificate file whole before its first https request: this file would make it hang (a FIFO or device) or exhaust memory (too large).": "go 在第一个 https 请求之前会完整读取每个证书文件：这个文件会让它挂起（FIFO 或设备文件）或耗尽内存（文件过大）。",
  "go reads every certificate file whole before its first https request: these {0} files would make it hang (a FIFO or device) or exhaust memory (too large).": "go 在第一个 https 请求之前会完整读取每个证书文件：这 {0} 个文件会让它挂起（FIFO 或设备文件）或耗尽内存（文件过大）。",
  "{0}: not a regular file": "{0}：不是普通文件",
  "{0}: too large": "{0}：文件过大",
  "Point SSL_CERT_FILE at a regular PEM bundle (the public roots plus your CA), and keep only certificate files in SSL_CERT_DIR.": "让 SSL_CERT_FILE 指向一个普通的 PEM 证书包（公共根证书加上你的 CA），并且在 SSL_CERT_DIR 中只保留证书文件。",
  // src/check/rules/toolchain-download-failed.ts
  "Downloading the toolchain go would switch to fails.": "下载 go 要切换到的工具链失败。",
  "go would download {0} through {1}, which {2}: the switch fails.": "go 会通过 {1} 下载 {0}，而它{2}：工具链切换失败。",
  // src/check/rules/toolchain-goproxy-off.ts
  "A toolchain download is needed but GOPROXY=off.": "需要下载工具链，但 GOPROXY=off。",
  "go would download {0} through GOPROXY, which is off: \"{1}\".": "go 会通过 GOPROXY 下载 {0}，但 GOPROXY 为 off：\"{1}\"。",
  // src/check/rules/toolchain-language-version.ts
  "The toolchain go would switch to is a language version, not a release.": "go 要切换到的工具链是语言版本，而不是发布版本。",
  "{0} is a language version, not a release, so there is nothing to download.": "{0} 是语言版本而不是发布版本，所以没有可下载的内容。",
  // src/check/rules/toolchain-not-available.ts
  "No GOPROXY entry serves the toolchain go would switch to.": "没有任何 GOPROXY 条目提供 go 要切换到的工具链。",
  "No GOPROXY entry has {0}: either {1} is not a Go release or these proxies do not serve toolchains, so the switch fails.": "没有任何 GOPROXY 条目有 {0}：要么 {1} 不是 Go 的发布版本，要么这些模块代理不提供工具链，所以工具链切换失败。",
  // src/check/rules/toolchain-not-probed.ts
  "The toolchain go would switch to could not be checked for download.": "无法检查 go 要切换到的工具链能否下载。",
  "go would switch to {0}; its download ({1}) {2}.": "go 会切换到 {0}；它的下载（{1}）：{2}。",
  // src/check/rules/toolchain-not-released.ts
  "go.mod asks for a Go version that no public proxy has: it is not a release.": "go.mod 要求的 Go 版本在任何公共模块代理上都没有：它不是发布版本。",
  "go.mod asks for {0}, which is not a Go release: no GOPROXY entry has {1}, so the switch fails.": "go.mod 要求 {0}，但它不是 Go 的发布版本：没有任何 GOPROXY 条目有 {1}，所以工具链切换失败。",
  // src/check/rules/toolchain-old-go.ts
  "This go predates toolchain switching and cannot read this go.mod.": "这个 go 早于工具链切换功能的引入，无法读取这个 go.mod。",
  "{0} predates toolchain switching and cannot read this go.mod.": "{0} 早于工具链切换功能的引入，无法读取这个 go.mod。",
  // src/check/rules/toolchain-path-only.ts
  "Go would switch toolchains but may only look in PATH.": "Go 需要切换工具链，但只能在 PATH 中查找。",
  "go would switch to {0} but GOTOOLCHAIN only allows looking in PATH: without a {1} binary there, go fails with \"{2}\".": "go 会切换到 {0}，但 GOTOOLCHAIN 只允许在 PATH 中查找：如果 PATH 中没有 {1} 可执行文件，go 会失败并报告 \"{2}\"。",
  // src/check/rules/toolchain-sumdb-off.ts
  "A toolchain download cannot be verified with GOSUMDB=off.": "GOSUMDB=off 时无法校验下载的工具链。",
  "go would download {0}, but toolchains are always verified against the checksum database and GOSUMDB=off: the switch fails.": "go 会下载 {0}，但工具链总是要经过校验和数据库校验，而 GOSUMDB=off：工具链切换失败。",
  // src/check/rules/toolchain-verify-failed.ts
  "The toolchain go would switch to downloads but fails verification.": "go 要切换到的工具链可以下载，但校验失败。",
  "go would download {0}, but verifying it against the checksum database fails (toolchains are always verified): {1}": "go 会下载 {0}，但用校验和数据库校验它时失败（工具链总是要经过校验）：{1}",
  // src/check/run-rules.ts
  "goproxy-doctor could not finish its {0} check: {1}. The rest of the report stands; please report this.": "goproxy-doctor 未能完成 {0} 检查：{1}。报告的其余部分仍然有效；请报告这个问题。",
  // src/check/sumdb-failures.ts
  "No module checked here needs it right now (go.sum or GONOSUMDB covers them), but every new dependency will.": "这里检查的模块目前都不需要它（go.sum 或 GONOSUMDB 已覆盖这些模块），但每个新依赖都会需要。",
  "{0} {1}: every checksum lookup fails{2}.": "{0}{1}：所有校验和查询都会失败{2}。",
  "{0} {1}: every checksum lookup fails, so {2} module cannot be verified{3}.": "{0}{1}：所有校验和查询都会失败，所以 {2} 个模块无法校验{3}。",
  "{0} {1}: every checksum lookup fails, so {2} modules cannot be verified{3}.": "{0}{1}：所有校验和查询都会失败，所以 {2} 个模块无法校验{3}。",
  "{0} {1}: every checksum lookup fails, so new modules cannot be verified{2}.": "{0}{1}：所有校验和查询都会失败，所以新模块无法校验{2}。",
  "the module": "该模块",
  // src/check/tree-head-findings.ts
  "The signed tree head from {0} does not verify against the key GOSUMDB names: GOSUMDB has the wrong key, or something between you and the database answers in its place.": "来自 {0} 的签名树头无法通过 GOSUMDB 所指定公钥的验证：要么 GOSUMDB 中的公钥不对，要么你和数据库之间有别的东西在冒充它应答。",
  "The checksum database's signed tree head is unusable ({0}).": "校验和数据库的签名树头无法使用（{0}）。",
  "signed by {0} instead": "实际的签名者是 {0}",
  "If GOSUMDB is right, compare what this network serves with what the database serves elsewhere: an intercepting proxy re-signing answers is a security incident, not a configuration problem.": "如果 GOSUMDB 没有问题，请把这个网络返回的内容与数据库在其他网络中返回的内容进行比较：有拦截代理对应答重新签名属于安全事件，而不是配置问题。",
};
