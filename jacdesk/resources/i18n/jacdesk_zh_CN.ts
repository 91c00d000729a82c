<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>About jacdesk</source>
        <translation>关于 jacdesk</translation>
    </message>
    <message>
        <source>&lt;h3&gt;jacdesk&lt;/h3&gt;&lt;p&gt;An offline lab for vector and matrix differentiation with PyTorch.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;jacdesk&lt;/h3&gt;&lt;p&gt;用 PyTorch 学习向量与矩阵求导的离线实验室。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected cells (as tab-separated values) or the selected text</source>
        <translation>复制选中的单元格（制表符分隔）或选中的文字</translation>
    </message>
    <message>
        <source>&amp;Compute</source>
        <translation>计算(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>E&amp;xamples</source>
        <translation>示例(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>A guided walk through the tutorial, step by step</source>
        <translation>一步一步带你走完教程</translation>
    </message>
    <message>
        <source>&amp;About jacdesk</source>
        <translation>关于 jacdesk(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Recompute</source>
        <translation>重新计算(&amp;R)</translation>
    </message>
    <message>
        <source>Compute now, without waiting for typing to pause (Ctrl+Enter)</source>
        <translation>立即计算，不等输入停顿（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Stop the running computation; the last result stays (Esc)</source>
        <translation>停止正在进行的计算；上一次的结果保留（Esc）</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Follow the language of the operating system</source>
        <translation>使用操作系统的语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The menus, the tool bar and the tab names now use the new language. The rest of the window follows when jacdesk starts again.</source>
        <translation>菜单、工具栏和标签页名称已切换为新语言。窗口的其余部分将在 jacdesk 重新启动后切换。</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source> digits </source>
        <translation> 有效数字 </translation>
    </message>
    <message>
        <source>Significant digits shown in every matrix (exports stay exact)</source>
        <translation>每个矩阵显示的有效数字位数（导出仍为精确值）</translation>
    </message>
    <message>
        <source> vec </source>
        <translation> vec 展开 </translation>
    </message>
    <message>
        <source>row-major (torch)</source>
        <translation>按行展开（torch）</translation>
    </message>
    <message>
        <source>column-major (textbook vec)</source>
        <translation>按列展开（教科书中的 vec）</translation>
    </message>
    <message>
        <source>How matrix inputs and outputs are flattened into J&apos;s rows and columns</source>
        <translation>矩阵输入和输出如何展平为 J 的行和列</translation>
    </message>
    <message>
        <source> layout </source>
        <translation> 布局 </translation>
    </message>
    <message>
        <source>numerator (rows = outputs)</source>
        <translation>分子布局（行 = 输出）</translation>
    </message>
    <message>
        <source>denominator (rows = inputs)</source>
        <translation>分母布局（行 = 输入）</translation>
    </message>
    <message>
        <source>Numerator layout: J&apos;s rows are the outputs (torch.autograd.functional.jacobian);
denominator layout: its transpose, rows are the inputs</source>
        <translation>分子布局：J 的行对应输出（与 torch.autograd.functional.jacobian 相同）；
分母布局：其转置，行对应输入</translation>
    </message>
    <message>
        <source>The floating-point type torch computes in: float64 (about 16 digits) or
float32, the seed&apos;s dtype=torch.float (about 7 digits; really computed in float32)</source>
        <translation>torch 计算所用的浮点类型：float64（约 16 位有效数字）或
float32，即种子示例的 dtype=torch.float（约 7 位；真正以 float32 计算）</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>海森矩阵</translation>
    </message>
    <message>
        <source>Also compute second derivatives (one Hessian per output component)</source>
        <translation>同时计算二阶导数（每个输出分量一个海森矩阵）</translation>
    </message>
    <message>
        <source>Symbolic</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Derive the symbolic Jacobian with sympy (time-bounded, in the background)</source>
        <translation>用 sympy 推导符号雅可比矩阵（在后台进行，有时间限制）</translation>
    </message>
</context>
<context>
    <name>AnywayButton</name>
    <message>
        <source>rows by backward</source>
        <extracomment>Extra → its name in the button (translated through the widget&apos;s context).</extracomment>
        <translation>逐行反向传播</translation>
    </message>
    <message>
        <source>finite-difference check</source>
        <translation>有限差分校验</translation>
    </message>
    <message>
        <source>det J</source>
        <translation>det J</translation>
    </message>
    <message>
        <source>little memory</source>
        <translation>很少内存</translation>
    </message>
    <message>
        <source>Compute anyway: {names} (≈ {cost})</source>
        <translation>仍然计算：{names}（≈ {cost}）</translation>
    </message>
    <message>
        <source>Skipped for size to keep the window quick; they need about {cost} more</source>
        <translation>为保持窗口流畅按规模跳过；它们还需约 {cost}</translation>
    </message>
    <message>
        <source>Compute anyway (needs ≈ {cost})</source>
        <translation>仍然计算（需要 ≈ {cost}）</translation>
    </message>
    <message>
        <source>Over the memory budget: this may use most of the machine&apos;s memory</source>
        <translation>超出内存预算：这可能占用本机大部分内存</translation>
    </message>
</context>
<context>
    <name>BackwardLab</name>
    <message>
        <source>y.backward(v) leaves vᵀJ in x.grad — the gradient of the scalar vᵀf, not the Jacobian.</source>
        <translation>y.backward(v) 在 x.grad 中留下的是 vᵀJ——标量 vᵀf 的梯度，而不是雅可比矩阵。</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>backward() needs a scalar; for a vector y it back-propagates z = vᵀy, so x.grad = ∂z/∂x = vᵀJ. With v = ones that is the column sums of J.</source>
        <translation>backward() 需要一个标量；对向量 y，它反向传播的是 z = vᵀy，因此 x.grad = ∂z/∂x = vᵀJ。当 v 全为 1 时，结果就是 J 的各列之和。</translation>
    </message>
    <message>
        <source>v, the grad_outputs of y.backward(v): one weight per output f_i</source>
        <translation>v，即 y.backward(v) 的 grad_outputs：每个输出 f_i 一个权重</translation>
    </message>
    <message>
        <source>v — the weights y.backward(v) puts on each output</source>
        <translation>v——y.backward(v) 加在各输出上的权重</translation>
    </message>
    <message>
        <source>The tutorial&apos;s chain rule with this v and J: z = vᵀf, ∂z/∂f = vᵀ, ∂z/∂f·∂f/∂x = vᵀJ = x.grad. Right-click: copy as LaTeX, save as SVG or PNG</source>
        <translation>教程中的链式法则（用当前的 v 和 J）：z = vᵀf，∂z/∂f = vᵀ，∂z/∂f·∂f/∂x = vᵀJ = x.grad。右键：复制为 LaTeX，保存为 SVG 或 PNG</translation>
    </message>
    <message>
        <source>x.grad after y.backward(v)</source>
        <translation>y.backward(v) 之后的 x.grad</translation>
    </message>
    <message>
        <source>What torch leaves in x.grad after one y.backward(v) pass</source>
        <translation>一次 y.backward(v) 之后 torch 留在 x.grad 中的值</translation>
    </message>
    <message>
        <source>vᵀJ from the matrix</source>
        <translation>由矩阵算出的 vᵀJ</translation>
    </message>
    <message>
        <source>v @ J, with J from torch.autograd.functional.jacobian</source>
        <translation>v @ J，其中 J 来自 torch.autograd.functional.jacobian</translation>
    </message>
    <message>
        <source>Whether x.grad and v @ J hold the same numbers (np.allclose)</source>
        <translation>x.grad 与 v @ J 的数值是否相同（np.allclose）</translation>
    </message>
    <message>
        <source>Row by row: back-propagate each f_i alone, then stack</source>
        <translation>逐行重建：对每个 f_i 单独反向传播，再堆叠起来</translation>
    </message>
    <message>
        <source>v = e_i makes vᵀf = f_i, so x.grad is row i of J</source>
        <translation>v = e_i 使 vᵀf = f_i，因此 x.grad 就是 J 的第 i 行</translation>
    </message>
    <message>
        <source>rows of J, one backward pass each</source>
        <translation>J 的各行，每行一次反向传播</translation>
    </message>
    <message>
        <source>Row i is x.grad after y.backward(e_i); together they are J</source>
        <translation>第 i 行是 y.backward(e_i) 之后的 x.grad；合起来就是 J</translation>
    </message>
    <message>
        <source>How many backward passes rebuilt J, and whether it matches J</source>
        <translation>重建 J 用了多少次反向传播，以及结果是否与 J 一致</translation>
    </message>
    <message>
        <source>✓ agree: backward(v) and v @ J give the same numbers</source>
        <translation>✓ 一致：backward(v) 与 v @ J 给出相同的数值</translation>
    </message>
    <message>
        <source>✗ differ: x.grad and v @ J do not match</source>
        <translation>✗ 不一致：x.grad 与 v @ J 不相符</translation>
    </message>
    <message>
        <source>computing… x.grad for the new v</source>
        <translation>计算中…新 v 对应的 x.grad</translation>
    </message>
    <message>
        <source>skipped for size</source>
        <translation>因规模过大而跳过</translation>
    </message>
    <message>
        <source>Row by row skipped for size: J is {m}×{n}, which would take {m} backward passes, one per row. x.grad above still took a single pass.</source>
        <translation>因规模过大跳过了逐行重建：J 为 {m}×{n}，需要 {m} 次反向传播（每行一次）。上面的 x.grad 仍只用了一次反向传播。</translation>
    </message>
    <message>
        <source>{label} alone: v = e{i}</source>
        <translation>仅 {label}：v = e{i}</translation>
    </message>
    <message>
        <source>✓ the stacked rows equal J</source>
        <translation>✓ 堆叠的各行等于 J</translation>
    </message>
    <message>
        <source>✗ the stacked rows differ from J</source>
        <translation>✗ 堆叠的各行与 J 不同</translation>
    </message>
    <message>
        <source>backward passes: {count} · {verdict}</source>
        <translation>反向传播次数：{count} · {verdict}</translation>
    </message>
    <message>
        <source>x.grad[{x}] after y.backward(v): ∂(vᵀf)/∂{x} = Σ_i v_i·∂f_i/∂{x}</source>
        <translation>y.backward(v) 之后的 x.grad[{x}]：∂(vᵀf)/∂{x} = Σ_i v_i·∂f_i/∂{x}</translation>
    </message>
    <message>
        <source>x.grad[{x}] after y.backward(e{i}) = ∂{f}/∂{x}</source>
        <translation>y.backward(e{i}) 之后的 x.grad[{x}] = ∂{f}/∂{x}</translation>
    </message>
</context>
<context>
    <name>CheckView</name>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>every comparison that ran agrees within its tolerance</source>
        <translation>所有已运行的比较都在容差范围内一致</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>a comparison disagrees: see the rows above</source>
        <translation>有比较结果不一致：见上面各行</translation>
    </message>
    <message>
        <source>NOT RUN</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>no comparison ran for this result</source>
        <translation>此结果没有运行任何比较</translation>
    </message>
    <message>
        <source>f is too large for a symbolic form</source>
        <translation>f 太大，无法求符号形式</translation>
    </message>
    <message>
        <source>the symbolic form took too long</source>
        <translation>符号形式耗时过长</translation>
    </message>
    <message>
        <source>the symbolic form was cancelled</source>
        <translation>符号形式已被取消</translation>
    </message>
    <message>
        <source>the symbolic form failed</source>
        <translation>符号形式推导失败</translation>
    </message>
    <message>
        <source>symbolic forms are turned off</source>
        <translation>符号形式已关闭</translation>
    </message>
    <message>
        <source>J from autograd against J from central differences (f(x+h) − f(x−h)) / 2h; the relative error divides by max(|J|, 1)</source>
        <translation>自动微分的 J 与中心差分 (f(x+h) − f(x−h)) / 2h 得到的 J 对比；相对误差除以 max(|J|, 1)</translation>
    </message>
    <message>
        <source>J from autograd against the sympy J evaluated at the point</source>
        <translation>自动微分的 J 与在该点取值的 sympy 符号 J 对比</translation>
    </message>
    <message>
        <source>autograd vs finite differences:</source>
        <translation>自动微分 vs 有限差分：</translation>
    </message>
    <message>
        <source>autograd vs symbolic:</source>
        <translation>自动微分 vs 符号：</translation>
    </message>
    <message>
        <source>verdict:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <source>What the check compares, with this point&apos;s errors. Right-click: copy as LaTeX, save</source>
        <translation>检验所比较的量，以及此点处的误差。右键：复制为 LaTeX、保存</translation>
    </message>
    <message>
        <source>not run: {why}</source>
        <translation>未运行：{why}</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>✓ agree</source>
        <translation>✓ 一致</translation>
    </message>
    <message>
        <source>✗ disagree</source>
        <translation>✗ 不一致</translation>
    </message>
    <message>
        <source>max abs err {abs}, max rel err {rel} — {mark}</source>
        <translation>最大绝对误差 {abs}，最大相对误差 {rel}——{mark}</translation>
    </message>
    <message>
        <source>max abs err {abs} — {mark}</source>
        <translation>最大绝对误差 {abs}——{mark}</translation>
    </message>
    <message>
        <source>not available: the symbolic form has not arrived yet</source>
        <translation>不可用：符号形式尚未算出</translation>
    </message>
    <message>
        <source>no symbolic J</source>
        <translation>没有符号 J</translation>
    </message>
    <message>
        <source>not available: {why}</source>
        <translation>不可用：{why}</translation>
    </message>
</context>
<context>
    <name>ClosedFormLine</name>
    <message>
        <source>No matrix closed form: f has several components (closed forms are for a scalar f); the entry-wise formulas are in the Symbolic J tab.</source>
        <translation>没有矩阵闭式：f 有多个分量（闭式只针对标量 f）；逐元素公式见“符号 J”标签页。</translation>
    </message>
    <message>
        <source>✓ Closed form: ∂f/∂{name} = {form}   (matches autograd at this point; largest difference {diff})</source>
        <translation>✓ 闭式：∂f/∂{name} = {form}   （在此点与自动微分一致；最大差值 {diff}）</translation>
    </message>
    <message>
        <source>✗ The derived form ∂f/∂{name} = {form} DISAGREES with autograd here (by up to {diff}), so it is not shown as the answer. {reason}</source>
        <translation>✗ 推导出的形式 ∂f/∂{name} = {form} 在此处与自动微分不一致（最大相差 {diff}），因此不作为答案给出。{reason}</translation>
    </message>
    <message>
        <source>? Closed form ∂f/∂{name} = {form}, not checked: autograd&apos;s gradient is not finite at this point.</source>
        <translation>? 闭式 ∂f/∂{name} = {form}，未经验证：自动微分的梯度在此点不是有限值。</translation>
    </message>
    <message>
        <source>sympy cannot derive it on matrix symbols</source>
        <translation>sympy 无法在矩阵符号上推导它</translation>
    </message>
    <message>
        <source>No matrix closed form for ∂f/∂{name}: {reason}. The entry-wise formulas are in the Symbolic J tab.</source>
        <translation>∂f/∂{name} 没有矩阵闭式：{reason}。逐元素公式见“符号 J”标签页。</translation>
    </message>
</context>
<context>
    <name>CodeDialog</name>
    <message>
        <source>A standalone script (needs only torch) that reproduces these numbers the tutorial&apos;s way: f, torch.autograd.functional.jacobian, y.backward(v) and x.grad, rows by one-hot backward, and J u. Run it with python3.</source>
        <translation>一个独立脚本（只依赖 torch），按教程的方法重现这些数值：f、torch.autograd.functional.jacobian、y.backward(v) 与 x.grad、用独热向量逐行反向传播，以及 J u。用 python3 运行即可。</translation>
    </message>
    <message>
        <source>Show as PyTorch code</source>
        <translation>显示为 PyTorch 代码</translation>
    </message>
    <message>
        <source>Select and copy any part, or use the buttons</source>
        <translation>可以选中复制任意部分，或使用下面的按钮</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the whole script</source>
        <translation>复制整个脚本</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Save the script as a .py file</source>
        <translation>将脚本保存为 .py 文件</translation>
    </message>
    <message>
        <source>Save script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <source>Python (*.py);;All files (*)</source>
        <translation>Python 文件 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>ComponentMaps</name>
    <message>
        <source>Colour: the value of f_i; thin lines: contours of f_i; red arrow: the gradient ∇f_i = row i of J (the plotted columns), drawn at a fixed share of the plot. Click a map to move the point there.</source>
        <translation>颜色：f_i 的值；细线：f_i 的等高线；红色箭头：梯度 ∇f_i = J 的第 i 行（所绘各列），按图幅的固定比例绘制。点击图可将点移到该处。</translation>
    </message>
    <message>
        <source>At most four maps fit at once: pick which outputs to show</source>
        <translation>一次最多显示四幅图：选择要显示哪些输出</translation>
    </message>
    <message>
        <source>f has no values over this grid</source>
        <translation>f 在此网格上没有值</translation>
    </message>
    <message>
        <source>&lt;b&gt;{outputs}&lt;/b&gt; over {axes}</source>
        <translation>&lt;b&gt;{outputs}&lt;/b&gt;，自变量 {axes}</translation>
    </message>
    <message>
        <source>Maps of f over two inputs</source>
        <translation>f 关于两个输入的热图</translation>
    </message>
    <message>
        <source>Maps of each output appear here once f has values.</source>
        <translation>f 有值后，这里会显示每个输出的热图。</translation>
    </message>
    <message>
        <source> — click to move the point here</source>
        <translation>——点击可将点移到此处</translation>
    </message>
    <message>
        <source>{label}   (slope at the point: {slope})</source>
        <translation>{label}   （该点处斜率：{slope}）</translation>
    </message>
    <message>
        <source>tangent at {axis} = {x0}: slope = J[{k}, 0] = {slope}</source>
        <translation>{axis} = {x0} 处的切线：斜率 = J[{k}, 0] = {slope}</translation>
    </message>
    <message>
        <source>∇{label}: ({gx}, {gy}) = row {row} of J over {axes}; true length |∇{label}| = {length} (drawn at {share} of the plot)</source>
        <translation>∇{label}：({gx}, {gy}) = J 在 {axes} 上的第 {row} 行；实际长度 |∇{label}| = {length}（按图幅的 {share} 绘制）</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <source>type a formula, one output component per line</source>
        <extracomment>A result is &quot;settled&quot; once its input has stayed unchanged this long: a momentary keystroke&apos;s result (select-all, then &quot;x…&quot;) is never what a later error falls back to.</extracomment>
        <translation>请输入公式，每行一个输出分量</translation>
    </message>
    <message>
        <source>type a formula first</source>
        <translation>请先输入公式</translation>
    </message>
</context>
<context>
    <name>Conventions</name>
    <message>
        <source>matrices flattened row-major (torch&apos;s reshape(-1))</source>
        <extracomment>Floating-point types a computation may ask for (float32 is really computed in float32).</extracomment>
        <translation>矩阵按行优先展平（torch 的 reshape(-1)）</translation>
    </message>
    <message>
        <source>matrices flattened column-major (the textbook vec)</source>
        <translation>矩阵按列优先展平（教科书中的 vec）</translation>
    </message>
    <message>
        <source>rows = outputs, columns = inputs</source>
        <translation>行 = 输出，列 = 输入</translation>
    </message>
    <message>
        <source>rows = inputs, columns = outputs: the transpose of the numerator layout</source>
        <translation>行 = 输入，列 = 输出：分子布局的转置</translation>
    </message>
    <message>
        <source>{layout} layout ({sides}); {vec}</source>
        <translation>{layout}布局（{sides}）；{vec}</translation>
    </message>
    <message>
        <source>numerator</source>
        <extracomment>Parts that the templates above fill in.</extracomment>
        <translation>分子</translation>
    </message>
    <message>
        <source>denominator</source>
        <translation>分母</translation>
    </message>
</context>
<context>
    <name>CostPage</name>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Passes</source>
        <translation>遍数</translation>
    </message>
    <message>
        <source>Median time</source>
        <translation>中位时间</translation>
    </message>
    <message>
        <source>reverse (one backward per output)</source>
        <extracomment>core&apos;s strategy names by mode (shown translated; a name core changed is shown as it is).</extracomment>
        <translation>反向（每个输出一次反向传播）</translation>
    </message>
    <message>
        <source>forward (one JVP per input)</source>
        <translation>前向（每个输入一次 JVP）</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>reverse, vmapped</source>
        <translation>反向，vmap 批量</translation>
    </message>
    <message>
        <source>forward, vmapped</source>
        <translation>前向，vmap 批量</translation>
    </message>
    <message>
        <source>jacdesk&apos;s choice</source>
        <translation>jacdesk 的选择</translation>
    </message>
    <message>
        <source>Forward or reverse mode? Time each way of building J on this f</source>
        <translation>前向还是反向模式？在这个 f 上为构造 J 的每种方法计时</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Time every strategy on this f and point (takes up to about 2 s)</source>
        <translation>在这个 f 和点上为每种策略计时（最多约 2 秒）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop the measurement</source>
        <translation>停止测量</translation>
    </message>
    <message>
        <source>Measuring: each strategy runs repeatedly</source>
        <translation>测量中：每种策略重复运行</translation>
    </message>
    <message>
        <source>Medians of repeated runs; the fastest row is highlighted</source>
        <translation>多次运行的中位数；最快的一行高亮显示</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>测量中…</translation>
    </message>
    <message>
        <source>f or the point changed: press Measure again</source>
        <translation>f 或点已改变：请再按“测量”</translation>
    </message>
    <message>
        <source>Press Measure to time the strategies on this f</source>
        <translation>按“测量”在这个 f 上为各策略计时</translation>
    </message>
    <message>
        <source>cancelled: press Measure to time again</source>
        <translation>已取消：按“测量”重新计时</translation>
    </message>
    <message>
        <source>{ms} ms</source>
        <translation>{ms} 毫秒</translation>
    </message>
    <message>
        <source>f has m = {m} output(s) and n = {n} input(s): reverse mode needs m = {m} backward pass(es), one per output; forward mode needs n = {n} JVP(s), one per input.</source>
        <translation>f 有 m = {m} 个输出、n = {n} 个输入：反向模式需要 m = {m} 次反向传播，每个输出一次；前向模式需要 n = {n} 次 JVP，每个输入一次。</translation>
    </message>
    <message>
        <source>With fewer outputs than inputs, reverse mode wins.</source>
        <translation>输出比输入少，反向模式胜出。</translation>
    </message>
    <message>
        <source>With fewer inputs than outputs, forward mode wins.</source>
        <translation>输入比输出少，前向模式胜出。</translation>
    </message>
    <message>
        <source>With as many outputs as inputs, both do the same number of passes.</source>
        <translation>输出与输入一样多，两种模式的遍数相同。</translation>
    </message>
    <message>
        <source>torch.func vmaps the passes into one batched pass. Measured fastest here: {name} ({ms} ms).</source>
        <translation>torch.func 用 vmap 把这些遍合成一次批量计算。这里实测最快：{name}（{ms} 毫秒）。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. The details are saved in the log file.</source>
        <translation>出错了：{error}。详细信息已保存在日志文件中。</translation>
    </message>
    <message>
        <source>jacdesk could not start: {error}. The details are saved in the log file.</source>
        <translation>jacdesk 无法启动：{error}。详细信息已保存在日志文件中。</translation>
    </message>
</context>
<context>
    <name>DetField</name>
    <message>
        <source>det J &gt; 0: orientation kept · &lt; 0: flipped · 0: not invertible</source>
        <translation>det J &gt; 0：保持定向 · &lt; 0：翻转定向 · 0：不可逆</translation>
    </message>
    <message>
        <source>Red: f keeps orientation near that point; blue: f mirrors it; the thick black curve is det J = 0, where f folds and has no local inverse. White is 0 (colours are symmetric about 0); thin lines are contours of det J. Click to move the point.</source>
        <translation>红色：f 在该点附近保持定向；蓝色：f 将其镜像翻转；粗黑曲线是 det J = 0，f 在那里折叠、没有局部逆。白色表示 0（颜色关于 0 对称）；细线是 det J 的等高线。点击可移动点。</translation>
    </message>
    <message>
        <source>&lt;b&gt;det J = det ∂({outs})/∂({ins})&lt;/b&gt; over {axes}</source>
        <translation>&lt;b&gt;det J = det ∂({outs})/∂({ins})&lt;/b&gt;，自变量 {axes}</translation>
    </message>
    <message>
        <source>1 output</source>
        <translation>1 个输出</translation>
    </message>
    <message>
        <source>{m} outputs</source>
        <translation>{m} 个输出</translation>
    </message>
    <message>
        <source>1 input</source>
        <translation>1 个输入</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>det J needs as many outputs as plotted inputs (here {outputs}, {inputs}).</source>
        <translation>det J 要求输出个数与所绘输入个数相同（这里是 {outputs}、{inputs}）。</translation>
    </message>
    <message>
        <source>det J — click to move the point here</source>
        <translation>det J——点击可将点移到此处</translation>
    </message>
    <message>
        <source>det J over the grid</source>
        <translation>网格上的 det J</translation>
    </message>
    <message>
        <source>det J over the grid appears here once f has values.</source>
        <translation>f 有值后，这里会显示网格上的 det J。</translation>
    </message>
</context>
<context>
    <name>DeterminantView</name>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>area</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>volume</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>The determinant of J at the point (exact value in the details)</source>
        <translation>J 在该点的行列式（精确值见详细信息）</translation>
    </message>
    <message>
        <source>log|det J| stays finite when det J itself overflows or underflows; the sign says whether f keeps (+) or flips (−) orientation</source>
        <translation>当 det J 本身上溢或下溢时，log|det J| 仍是有限值；符号表示 f 保持（+）还是翻转（−）定向</translation>
    </message>
    <message>
        <source>What det J says about f near the point</source>
        <translation>det J 说明了 f 在该点附近的什么性质</translation>
    </message>
    <message>
        <source>det J as a formula, from the symbolic Jacobian</source>
        <translation>由符号雅可比矩阵得到的 det J 公式</translation>
    </message>
    <message>
        <source>det J: symbolic and at the point. Right-click: copy as LaTeX, save</source>
        <translation>det J：符号形式与该点处的值。右键：复制为 LaTeX、保存</translation>
    </message>
    <message>
        <source>The determinant of a square Jacobian appears here.</source>
        <translation>方阵雅可比矩阵的行列式显示在这里。</translation>
    </message>
    <message>
        <source>symbolically: det J = {formula}</source>
        <translation>符号形式：det J = {formula}</translation>
    </message>
    <message>
        <source>1 output</source>
        <translation>1 个输出</translation>
    </message>
    <message>
        <source>{m} outputs</source>
        <translation>{m} 个输出</translation>
    </message>
    <message>
        <source>1 input</source>
        <translation>1 个输入</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>det J needs a square Jacobian; this one is {m}×{n} ({outputs}, {inputs}).</source>
        <translation>det J 需要方阵雅可比矩阵；这个是 {m}×{n}（{outputs}、{inputs}）。</translation>
    </message>
    <message>
        <source>det J: skipped</source>
        <translation>det J：已跳过</translation>
    </message>
    <message>
        <source>det J was skipped for size: J is {m}×{n}, and its LU factorisation would hold up the window. The other tabs are complete.</source>
        <translation>因规模过大跳过了 det J：J 为 {m}×{n}，对它做 LU 分解会让窗口卡住。其他标签页的结果是完整的。</translation>
    </message>
    <message>
        <source>det J = 0 (J is singular: rank {rank} of {n})</source>
        <translation>det J = 0（J 奇异：秩为 {rank}，共 {n}）</translation>
    </message>
    <message>
        <source>log|det J| = {log}     sign = {sign}     ({n}×{n} J)</source>
        <translation>log|det J| = {log}     符号 = {sign}     （{n}×{n} 的 J）</translation>
    </message>
    <message>
        <source>det J is not a number: some entry of J is not finite here (f is not differentiable at this point).</source>
        <translation>det J 不是一个数：J 的某些元素在此处不是有限值（f 在该点不可微）。</translation>
    </message>
    <message>
        <source>det J = 0: J is not invertible here — the map folds (flattens a neighbourhood of the point onto something of lower dimension), so f has no local inverse.</source>
        <translation>det J = 0：J 在此处不可逆——映射发生折叠（把该点的邻域压扁到更低维的集合上），因此 f 没有局部逆。</translation>
    </message>
    <message>
        <source>lengths</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>areas</source>
        <translation>面积</translation>
    </message>
    <message>
        <source>volumes</source>
        <translation>体积</translation>
    </message>
    <message>
        <source>{n}-dimensional volume</source>
        <translation>{n} 维体积</translation>
    </message>
    <message>
        <source>{n}-dimensional volumes</source>
        <translation>{n} 维体积</translation>
    </message>
    <message>
        <source>e^{log} (det J overflows float64)</source>
        <translation>e^{log}（det J 超出 float64 范围）</translation>
    </message>
    <message>
        <source>sign +: orientation is kept.</source>
        <translation>符号为 +：定向保持不变。</translation>
    </message>
    <message>
        <source>sign −: orientation is flipped (a mirror image).</source>
        <translation>符号为 −：定向被翻转（镜像）。</translation>
    </message>
    <message>
        <source>|det J| is the local {measure} scale factor: near this point f multiplies small {measures} by {scale}; {turn}</source>
        <translation>|det J| 是局部{measure}缩放因子：在该点附近，f 把小区域的{measures}乘以 {scale}；{turn}</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>jacdesk sessions (*{suffix});;All files (*)</source>
        <translation>jacdesk 会话 (*{suffix});;所有文件 (*)</translation>
    </message>
    <message>
        <source>jacdesk sessions (*{suffix});;PyTorch scripts (*.py);;All files (*)</source>
        <extracomment>Open also reads PyTorch scripts; Save writes sessions only (never JSON into a .py).</extracomment>
        <translation>jacdesk 会话 (*{suffix});;PyTorch 脚本 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>untitled</source>
        <extracomment>Platforms without a screen: a question asked there would wait forever.</extracomment>
        <translation>未命名</translation>
    </message>
    <message>
        <source>{name}[*] — jacdesk</source>
        <translation>{name}[*] — jacdesk</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>{error}

Nothing was changed.</source>
        <translation>{error}

没有做任何更改。</translation>
    </message>
    <message>
        <source>Save session as</source>
        <translation>会话另存为</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>{error}

Your work is still open.</source>
        <translation>{error}

你的工作仍处于打开状态。</translation>
    </message>
    <message>
        <source>saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>this session</source>
        <translation>此会话</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>保存对 {name} 的更改吗？</translation>
    </message>
    <message>
        <source>Recover unsaved work?</source>
        <translation>恢复未保存的工作吗？</translation>
    </message>
    <message>
        <source>jacdesk did not close properly last time. Restore the session it saved automatically?</source>
        <translation>jacdesk 上次没有正常关闭。要恢复它自动保存的会话吗？</translation>
    </message>
    <message>
        <source>Cannot recover</source>
        <translation>无法恢复</translation>
    </message>
</context>
<context>
    <name>Examples</name>
    <message>
        <source>Tutorial</source>
        <extracomment>The Examples menu&apos;s submenus, in order.</extracomment>
        <translation>入门教程</translation>
    </message>
    <message>
        <source>Coordinates</source>
        <translation>坐标变换</translation>
    </message>
    <message>
        <source>Layers &amp; softmax</source>
        <translation>网络层与 softmax</translation>
    </message>
    <message>
        <source>Matrix calculus</source>
        <translation>矩阵微积分</translation>
    </message>
    <message>
        <source>The tutorial: f = (x1² + 2x2, 3x1 + 4x2²) at (1, 2)</source>
        <translation>入门教程：f = (x1² + 2x2, 3x1 + 4x2²)，在 (1, 2) 处</translation>
    </message>
    <message>
        <source>J = [[2, 2], [3, 16]], det J = 26, and backward(ones) gives [5, 18].</source>
        <translation>J = [[2, 2], [3, 16]]，det J = 26，backward(ones) 得到 [5, 18]。</translation>
    </message>
    <message>
        <source>Polar → Cartesian</source>
        <translation>极坐标 → 直角坐标</translation>
    </message>
    <message>
        <source>det J = r: area grows with the distance from the origin.</source>
        <translation>det J = r：面积随到原点的距离增大。</translation>
    </message>
    <message>
        <source>Spherical coordinates</source>
        <translation>球坐标</translation>
    </message>
    <message>
        <source>det J = r² sin θ, the volume element of spherical coordinates.</source>
        <translation>det J = r² sin θ，即球坐标的体积元。</translation>
    </message>
    <message>
        <source>Softmax</source>
        <translation>Softmax 函数</translation>
    </message>
    <message>
        <source>J = diag(s) − s sᵀ: symmetric, and every row sums to 0 (det J = 0).</source>
        <translation>J = diag(s) − s sᵀ：对称，且每行之和为 0（det J = 0）。</translation>
    </message>
    <message>
        <source>Linear layer tanh(W @ x + b), with respect to x</source>
        <translation>线性层 tanh(W @ x + b)，对 x 求导</translation>
    </message>
    <message>
        <source>J = diag(1 − tanh²(W x + b)) W.</source>
        <translation>J = diag(1 − tanh²(W x + b)) W（链式法则）。</translation>
    </message>
    <message>
        <source>Linear layer tanh(W @ x + b), with respect to W</source>
        <translation>线性层 tanh(W @ x + b)，对 W 求导</translation>
    </message>
    <message>
        <source>Each output depends only on its own row of W: J has a block structure.</source>
        <translation>每个输出只依赖 W 中对应的一行：J 呈分块结构。</translation>
    </message>
    <message>
        <source>trace(A @ X)</source>
        <translation>迹 trace(A @ X)</translation>
    </message>
    <message>
        <source>The gradient with respect to X is Aᵀ.</source>
        <translation>对 X 的梯度是 Aᵀ。</translation>
    </message>
    <message>
        <source>det(X)</source>
        <translation>行列式 det(X)</translation>
    </message>
    <message>
        <source>The gradient of det X is det(X) · X⁻ᵀ (the cofactor matrix).</source>
        <translation>det X 的梯度是 det(X) · X⁻ᵀ（余子式矩阵）。</translation>
    </message>
    <message>
        <source>trace(X.T @ A @ X)</source>
        <translation>迹 trace(X.T @ A @ X)</translation>
    </message>
    <message>
        <source>The gradient is A X + Aᵀ X (= 2 A X when A is symmetric).</source>
        <translation>梯度为 A X + Aᵀ X（A 对称时 = 2 A X）。</translation>
    </message>
    <message>
        <source>logdet(X)</source>
        <translation>对数行列式 logdet(X)</translation>
    </message>
    <message>
        <source>The gradient of log det X is X⁻ᵀ.</source>
        <translation>log det X 的梯度是 X⁻ᵀ。</translation>
    </message>
    <message>
        <source>An entry of inv(X): inv(X)[0, 1]</source>
        <translation>inv(X) 的一个元素：inv(X)[0, 1]</translation>
    </message>
    <message>
        <source>∂(X⁻¹)[i,j]/∂X = −X⁻ᵀ e_i e_jᵀ X⁻ᵀ: the outer product of a column and a row of X⁻¹.</source>
        <translation>∂(X⁻¹)[i,j]/∂X = −X⁻ᵀ e_i e_jᵀ X⁻ᵀ：X⁻¹ 的一列与一行的外积。</translation>
    </message>
    <message>
        <source>Bilinear form a.T @ X @ b</source>
        <translation>双线性型 a.T @ X @ b</translation>
    </message>
    <message>
        <source>The gradient is the outer product a bᵀ, whatever X is.</source>
        <translation>无论 X 取何值，梯度都是外积 a bᵀ。</translation>
    </message>
    <message>
        <source>Squared Frobenius norm norm(X)**2</source>
        <translation>Frobenius 范数的平方 norm(X)**2</translation>
    </message>
    <message>
        <source>The gradient is 2 X.</source>
        <translation>梯度为 2 X。</translation>
    </message>
    <message>
        <source>Matrix square X @ X</source>
        <translation>矩阵平方 X @ X</translation>
    </message>
    <message>
        <source>A matrix function of a matrix: J is 4×4, block (i, j) is ∂F/∂X[i,j] = E_ij X + X E_ij.</source>
        <translation>矩阵的矩阵函数：J 为 4×4，块 (i, j) 为 ∂F/∂X[i,j] = E_ij X + X E_ij。</translation>
    </message>
    <message>
        <source>Linear map A @ X @ B (Kronecker)</source>
        <translation>线性映射 A @ X @ B（Kronecker 积）</translation>
    </message>
    <message>
        <source>Column-major vec: J = kron(Bᵀ, A); row-major vec (torch): J = kron(A, Bᵀ).</source>
        <translation>列优先 vec：J = kron(Bᵀ, A)；行优先 vec（torch）：J = kron(A, Bᵀ)。</translation>
    </message>
    <message>
        <source>Softmax cross-entropy, with respect to the logits</source>
        <translation>Softmax 交叉熵，对 logits 求导</translation>
    </message>
    <message>
        <source>The gradient is Σt · softmax(z) − t = softmax(z) − t for a one-hot t: predicted minus true.</source>
        <translation>梯度为 Σt · softmax(z) − t；t 为 one-hot 时即 softmax(z) − t：预测值减真实值。</translation>
    </message>
    <message>
        <source>Quadratic form x.T @ A @ x</source>
        <translation>二次型 x.T @ A @ x</translation>
    </message>
    <message>
        <source>The gradient is (A + Aᵀ) x.</source>
        <translation>梯度为 (A + Aᵀ) x。</translation>
    </message>
</context>
<context>
    <name>ExpressionEditor</name>
    <message>
        <source>One output component per line, or one vector/matrix expression; # starts a comment.</source>
        <translation>每行一个输出分量，或写一个向量/矩阵表达式；# 之后为注释。</translation>
    </message>
    <message>
        <source>Ctrl+Space completes a name · Ctrl+Enter recomputes</source>
        <translation>Ctrl+Space 补全名称 · Ctrl+Enter 重新计算</translation>
    </message>
    <message>
        <source>Operators: + - * / ** (or ^) @ and .T; functions such as sin, exp, det, trace.</source>
        <extracomment>The preview typesets at most this many lines (and waits this long after typing).</extracomment>
        <translation>运算符：+ - * / **（或 ^）@ 以及 .T；函数如 sin、exp、det、trace。</translation>
    </message>
    <message>
        <source>How the formula box reads what you type</source>
        <translation>公式框如何解读你的输入</translation>
    </message>
    <message>
        <source>The first problem found in the expressions</source>
        <translation>表达式中发现的第一个问题</translation>
    </message>
    <message>
        <source>What you typed, typeset. Right-click: copy as LaTeX, save as SVG or PNG</source>
        <translation>排版后的输入内容。右键：复制为 LaTeX，保存为 SVG 或 PNG</translation>
    </message>
    <message>
        <source>line {line}: </source>
        <translation>第 {line} 行：</translation>
    </message>
    <message>
        <source>line {line}, column {column}: </source>
        <translation>第 {line} 行第 {column} 列：</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty session</source>
        <translation>开始一个空白会话</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a .jacdesk session file</source>
        <translation>打开 .jacdesk 会话文件</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the session (expressions, point, settings)</source>
        <translation>保存会话（表达式、点、设置）</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the session under a new name</source>
        <translation>以新名称保存会话</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export &amp;all to a folder…</source>
        <translation>全部导出到文件夹(&amp;A)…</translation>
    </message>
    <message>
        <source>Every matrix as CSV, plus session.json and the session</source>
        <translation>所有矩阵导出为 CSV，另附 session.json 和会话文件</translation>
    </message>
    <message>
        <source>Show as &amp;PyTorch code…</source>
        <translation>显示为 &amp;PyTorch 代码…</translation>
    </message>
    <message>
        <source>A standalone script that computes the same numbers the tutorial&apos;s way</source>
        <translation>按教程的方法计算出相同数值的独立脚本</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Close jacdesk (asks about unsaved changes)</source>
        <translation>关闭 jacdesk（有未保存的更改时会询问）</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>J — the Jacobian</source>
        <translation>J——雅可比矩阵</translation>
    </message>
    <message>
        <source>f — the value</source>
        <translation>f——函数值</translation>
    </message>
    <message>
        <source>vᵀJ — what backward(v) gives</source>
        <translation>vᵀJ——backward(v) 的结果</translation>
    </message>
    <message>
        <source>J u — the JVP</source>
        <translation>J u——雅可比-向量积（JVP）</translation>
    </message>
    <message>
        <source>J rebuilt row by row (one-hot backward)</source>
        <translation>逐行重建的 J（独热向量反向传播）</translation>
    </message>
    <message>
        <source>∂/∂{name} — {name}.grad</source>
        <translation>∂/∂{name}——{name}.grad</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>海森矩阵</translation>
    </message>
    <message>
        <source>Hessian of {label}</source>
        <translation>{label} 的海森矩阵</translation>
    </message>
    <message>
        <source>(nothing computed yet)</source>
        <translation>（尚未计算）</translation>
    </message>
    <message>
        <source>Symbolic J (formulas)…</source>
        <translation>符号 J（公式）…</translation>
    </message>
    <message>
        <source>Current plot as PNG or SVG…</source>
        <translation>当前图形（PNG 或 SVG）…</translation>
    </message>
    <message>
        <source>Data behind the plots (CSV)…</source>
        <translation>图形数据（CSV）…</translation>
    </message>
    <message>
        <source>exported {title} to {path}</source>
        <translation>已将 {title} 导出到 {path}</translation>
    </message>
    <message>
        <source>symbolic J</source>
        <translation>符号 J</translation>
    </message>
    <message>
        <source>Export all</source>
        <translation>全部导出</translation>
    </message>
    <message>
        <source>Nothing has been computed yet.</source>
        <translation>还没有计算任何结果。</translation>
    </message>
    <message>
        <source>Export all into folder</source>
        <translation>全部导出到文件夹</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>exported {count} files to {folder}</source>
        <translation>已将 {count} 个文件导出到 {folder}</translation>
    </message>
    <message>
        <source>No script</source>
        <translation>无法生成脚本</translation>
    </message>
    <message>
        <source>The current input cannot be turned into a script: {error}</source>
        <translation>当前输入无法转换为脚本：{error}</translation>
    </message>
</context>
<context>
    <name>FormulaInput</name>
    <message>
        <source>Expressions</source>
        <translation>表达式</translation>
    </message>
    <message>
        <source>Type jacdesk expressions, one per line</source>
        <translation>输入 jacdesk 表达式，每行一个</translation>
    </message>
    <message>
        <source>Paste a PyTorch function (def f(x): …); it is read, never run</source>
        <translation>粘贴一个 PyTorch 函数（def f(x): …）；它只被读取，从不运行</translation>
    </message>
</context>
<context>
    <name>GlSupport</name>
    <message>
        <source>3-D views turned off (JACDESK_NO_GL is set)</source>
        <translation>三维视图已关闭（设置了 JACDESK_NO_GL）</translation>
    </message>
    <message>
        <source>the Qt platform &apos;{platform}&apos; shows no OpenGL windows</source>
        <translation>Qt 平台“{platform}”不能显示 OpenGL 窗口</translation>
    </message>
    <message>
        <source>PyOpenGL / pyqtgraph.opengl do not load: {error}</source>
        <translation>无法加载 PyOpenGL / pyqtgraph.opengl：{error}</translation>
    </message>
    <message>
        <source>no OpenGL context could be created</source>
        <translation>无法创建 OpenGL 上下文</translation>
    </message>
    <message>
        <source>an OpenGL context could not be made current</source>
        <translation>无法激活 OpenGL 上下文</translation>
    </message>
    <message>
        <source>glGetString returned nothing</source>
        <translation>glGetString 没有返回任何内容</translation>
    </message>
    <message>
        <source>PyOpenGL cannot reach Qt&apos;s OpenGL context ({error})</source>
        <translation>PyOpenGL 无法访问 Qt 的 OpenGL 上下文（{error}）</translation>
    </message>
    <message>
        <source>OpenGL {version} is too old (shaders need 2.0)</source>
        <translation>OpenGL {version} 版本太旧（着色器需要 2.0）</translation>
    </message>
</context>
<context>
    <name>GradientsView</name>
    <message>
        <source>y.backward(v) back-propagates the scalar vᵀf, so each x.grad is ∂(vᵀf)/∂x = vᵀJ restricted to x&apos;s columns — with v = ones, the column sums of J, not J itself.</source>
        <translation>y.backward(v) 反向传播的是标量 vᵀf，因此每个 x.grad 都是 ∂(vᵀf)/∂x = vᵀJ 在 x 对应各列上的部分——当 v 全为 1 时，它是 J 的各列之和，而不是 J 本身。</translation>
    </message>
    <message>
        <source>What torch leaves in .grad after one backward pass with weights v</source>
        <translation>以 v 为权重做一次反向传播后 torch 留在 .grad 中的值</translation>
    </message>
    <message>
        <source>v — the grad_outputs given to y.backward(v)</source>
        <translation>v——传给 y.backward(v) 的 grad_outputs</translation>
    </message>
    <message>
        <source>The weights on the outputs: backward(v) differentiates vᵀf</source>
        <translation>各输出上的权重：backward(v) 求的是 vᵀf 的导数</translation>
    </message>
    <message>
        <source>Why no gradients are shown</source>
        <translation>为什么没有显示梯度</translation>
    </message>
    <message>
        <source>One table per variable, in declared order</source>
        <translation>每个变量一张表，按声明顺序排列</translation>
    </message>
    <message>
        <source>v[{k}] (weight on {output})</source>
        <translation>v[{k}]（{output} 的权重）</translation>
    </message>
    <message>
        <source>∂f/∂{name} — {name}.grad after f.backward(), shaped like {name} (the Matrix Cookbook&apos;s ∂f/∂X)</source>
        <translation>∂f/∂{name}——f.backward() 之后的 {name}.grad，形状与 {name} 相同（即 Matrix Cookbook 中的 ∂f/∂X）</translation>
    </message>
    <message>
        <source>x.grad for each variable appears here</source>
        <translation>每个变量的 x.grad 显示在这里</translation>
    </message>
    <message>
        <source>{name} — the point</source>
        <translation>{name}——点的取值</translation>
    </message>
    <message>
        <source>The value of {name} at the point</source>
        <translation>{name} 在该点的值</translation>
    </message>
    <message>
        <source>∂(vᵀf)/∂{name} — what {name}.grad holds after y.backward(v)</source>
        <translation>∂(vᵀf)/∂{name}——y.backward(v) 之后 {name}.grad 中的值</translation>
    </message>
    <message>
        <source>{name}.grad: shaped like {name}; hover a cell for its exact value</source>
        <translation>{name}.grad：形状与 {name} 相同；鼠标悬停在单元格上可查看精确值</translation>
    </message>
    <message>
        <source>A matrix formula for the gradient, derived with sympy on matrix symbols and shown as correct only after it matched autograd at this point</source>
        <translation>梯度的矩阵公式：用 sympy 在矩阵符号上推导，只有在此点与自动微分结果一致后才显示为正确</translation>
    </message>
    <message>
        <source>output {k}</source>
        <translation>输出 {k}</translation>
    </message>
</context>
<context>
    <name>GraphCanvas</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>torch&apos;s autograd graph: output on top, leaves below</source>
        <translation>torch 的自动求导图：输出在上，叶子在下</translation>
    </message>
    <message>
        <source>v of y.backward(v), as in Backward lab</source>
        <translation>y.backward(v) 的 v，与“反向传播实验”相同</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>后退</translation>
    </message>
    <message>
        <source>Run to end</source>
        <translation>运行到底</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>SVG/PNG…</source>
        <translation>SVG/PNG…</translation>
    </message>
    <message>
        <source>DOT…</source>
        <translation>DOT…</translation>
    </message>
    <message>
        <source>Save the drawn graph as an SVG or PNG picture</source>
        <translation>把画出的计算图保存为 SVG 或 PNG 图片</translation>
    </message>
    <message>
        <source>Save the graph as Graphviz DOT text</source>
        <translation>把计算图保存为 Graphviz DOT 文本</translation>
    </message>
    <message>
        <source>The node torch runs at this step</source>
        <translation>这一步 torch 运行的节点</translation>
    </message>
    <message>
        <source>The chain rule with this v: x.grad = vᵀJ</source>
        <translation>使用此 v 的链式法则：x.grad = vᵀJ</translation>
    </message>
    <message>
        <source>The seed&apos;s chain with this v and torch&apos;s x.grad. Right-click: copy as LaTeX, save</source>
        <translation>入门教程中的链式法则，使用此 v 与 torch 给出的 x.grad。右键：复制为 LaTeX、保存</translation>
    </message>
    <message>
        <source>Shortcut: {key}</source>
        <translation>快捷键：{key}</translation>
    </message>
    <message>
        <source>No graph yet: type f and its point</source>
        <translation>还没有计算图：请输入 f 和取值点</translation>
    </message>
    <message>
        <source>Step {k} of {n}</source>
        <translation>第 {k} 步，共 {n} 步</translation>
    </message>
    <message>
        <source>Press Step: torch starts at the root with grad = v = {v}</source>
        <translation>按“单步”：torch 从根节点开始，grad = v = {v}</translation>
    </message>
    <message>
        <source>gradient arriving ∂z/∂node: {g}</source>
        <translation>到达的梯度 ∂z/∂节点：{g}</translation>
    </message>
    <message>
        <source>local rule: {r}</source>
        <translation>局部规则：{r}</translation>
    </message>
    <message>
        <source>→ to {t}: {g}</source>
        <translation>→ 传给 {t}：{g}</translation>
    </message>
    <message>
        <source>z = vᵀf = {z}</source>
        <translation>标量 z = vᵀf = {z}</translation>
    </message>
    <message>
        <source>∂z/∂f = vᵀ = {v}</source>
        <translation>∂z/∂f = vᵀ（行向量）= {v}</translation>
    </message>
    <message>
        <source>∂f/∂x = J = {j}</source>
        <translation>∂f/∂x = J（雅可比矩阵）= {j}</translation>
    </message>
    <message>
        <source>product ∂z/∂f · ∂f/∂x = vᵀJ = {p}</source>
        <translation>乘积 ∂z/∂f · ∂f/∂x = vᵀJ = {p}</translation>
    </message>
    <message>
        <source>x.grad from torch = {x}</source>
        <translation>torch 给出的 x.grad = {x}</translation>
    </message>
    <message>
        <source>saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Export the graph</source>
        <translation>导出计算图</translation>
    </message>
    <message>
        <source>SVG (*.svg);;PNG (*.png)</source>
        <translation>SVG 图片 (*.svg);;PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export the graph as DOT</source>
        <translation>将计算图导出为 DOT</translation>
    </message>
    <message>
        <source>Graphviz DOT (*.dot)</source>
        <translation>Graphviz DOT 文件 (*.dot)</translation>
    </message>
</context>
<context>
    <name>HessianView</name>
    <message>
        <source>The Hessian is computed on request: tick &apos;Hessian&apos; (scalar outputs, or each component).</source>
        <translation>海森矩阵按需计算：请勾选工具栏中的“海森矩阵”（适用于标量输出，或逐个分量计算）。</translation>
    </message>
    <message>
        <source>Second derivatives cost one extra pass per input</source>
        <translation>二阶导数对每个输入需要多一次传递</translation>
    </message>
    <message>
        <source>component:</source>
        <translation>分量：</translation>
    </message>
    <message>
        <source>f has several components; each has its own Hessian</source>
        <translation>f 有多个分量；每个分量都有自己的海森矩阵</translation>
    </message>
    <message>
        <source>Symmetric when f is twice continuously differentiable</source>
        <translation>当 f 二阶连续可微时是对称矩阵</translation>
    </message>
    <message>
        <source>Hessian of {f}: H[i, j] = ∂²{f}/∂x_i∂x_j</source>
        <translation>{f} 的海森矩阵：H[i, j] = ∂²{f}/∂x_i∂x_j</translation>
    </message>
</context>
<context>
    <name>JacobianView</name>
    <message>
        <source>Numerator layout: row i holds the derivatives of output f_i, column j those with respect to input x_j (as torch.autograd.functional.jacobian returns it); denominator layout is its transpose. Lines separate variables and the rows (row-major vec) or columns (column-major vec) of matrices.</source>
        <translation>分子布局：第 i 行是输出 f_i 的各偏导数，第 j 列是对输入 x_j 的偏导数（与 torch.autograd.functional.jacobian 的返回值一致）；分母布局是它的转置。分隔线用于区分不同变量，以及矩阵的各行（按行展开）或各列（按列展开）。</translation>
    </message>
    <message>
        <source>2-D: outputs × inputs (vec)</source>
        <translation>二维：输出 × 输入（vec 展开）</translation>
    </message>
    <message>
        <source>Outputs count from 1 (f1, f2, …); entries of vectors and matrices from 0, as torch indexes them (z[0], X[0,1]).</source>
        <translation>输出从 1 开始编号（f1、f2、…）；向量和矩阵的元素按 torch 的索引从 0 开始（z[0]、X[0,1]）。</translation>
    </message>
    <message>
        <source>2-D: inputs × outputs (vec)</source>
        <translation>二维：输入 × 输出（vec 展开）</translation>
    </message>
    <message>
        <source>The seed&apos;s equation, live: f, J as partial derivatives, symbolic, and at the point. Right-click: copy as LaTeX, save as SVG or PNG</source>
        <translation>教程中的公式，实时更新：f、以偏导数表示的 J、符号形式以及该点处的值。右键：复制为 LaTeX，保存为 SVG 或 PNG</translation>
    </message>
    <message>
        <source>The layout and vec conventions of this matrix (toolbar)</source>
        <translation>此矩阵所用的布局与 vec 展开约定（见工具栏）</translation>
    </message>
    <message>
        <source>2-D J under the current vec and layout, or the 4-index ∂F/∂X as a grid of blocks: block (i, j) is ∂F/∂X[i,j], shaped like F</source>
        <translation>按当前 vec 展开方式和布局显示的二维 J，或把四指标的 ∂F/∂X 排成分块网格：第 (i, j) 块是 ∂F/∂X[i,j]，形状与 F 相同</translation>
    </message>
    <message>
        <source>The Jacobian at the point; hover a cell for ∂f_i/∂x_j exactly</source>
        <translation>该点处的雅可比矩阵；鼠标悬停在单元格上可查看 ∂f_i/∂x_j 的精确值</translation>
    </message>
    <message>
        <source>What jacdesk noticed while computing this result</source>
        <translation>jacdesk 在计算此结果时注意到的问题</translation>
    </message>
    <message>
        <source>Show as</source>
        <translation>显示为</translation>
    </message>
    <message>
        <source>loading torch… the first numbers follow</source>
        <translation>正在加载 torch…… 随后给出第一批数字</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>numerator layout (rows = outputs, columns = inputs)</source>
        <translation>分子布局（行 = 输出，列 = 输入）</translation>
    </message>
    <message>
        <source>type f and a point to see its Jacobian</source>
        <translation>输入 f 和一个点，即可看到它的雅可比矩阵</translation>
    </message>
    <message>
        <source>blocks ∂{f}/∂{name}[i,j]</source>
        <translation>分块 ∂{f}/∂{name}[i,j]</translation>
    </message>
    <message>
        <source>Conventions: {text}.</source>
        <translation>约定：{text}。</translation>
    </message>
    <message>
        <source>Computed in float32 (torch.float): about 7 significant digits.</source>
        <translation>以 float32（torch.float）计算：约 7 位有效数字。</translation>
    </message>
    <message>
        <source>∂f/∂{name} shaped like {name}: each block is one number (the gradient)</source>
        <translation>∂f/∂{name} 的形状与 {name} 相同：每块是一个数（即梯度）</translation>
    </message>
    <message>
        <source>block (i, j) is ∂F/∂{name}[i,j], shaped like F</source>
        <translation>第 (i, j) 块是 ∂F/∂{name}[i,j]，形状与 F 相同</translation>
    </message>
    <message>
        <source>Block form of the 4-index derivative: {what}. Independent of vec and layout.</source>
        <translation>四指标导数的分块形式：{what}。与 vec 展开方式和布局无关。</translation>
    </message>
</context>
<context>
    <name>JvpView</name>
    <message>
        <source>Forward mode pushes a direction u through f: J u, one forward pass — one-hot u gives a column of J.</source>
        <translation>前向模式把方向 u 推过 f：一次前向传递得到 J u——独热的 u 给出 J 的一列。</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
    <message>
        <source>torch.func.jvp(f, (x,), (u,)) carries u along with x through f and returns J u without ever forming J</source>
        <translation>torch.func.jvp(f, (x,), (u,)) 让 u 随 x 一起经过 f，返回 J u，全程不构造 J</translation>
    </message>
    <message>
        <source>u, the direction (tangent) pushed through f: one entry per input</source>
        <translation>u，推过 f 的方向（切向量）：每个输入一个分量</translation>
    </message>
    <message>
        <source>u — the direction forward mode pushes through f</source>
        <translation>u——前向模式推过 f 的方向</translation>
    </message>
    <message>
        <source> — f is scalar: J u is one dot product with J</source>
        <translation>——f 是标量：J u 就是与 J 的一次点积</translation>
    </message>
    <message>
        <source> — J u = J·u from J: forward mode was still loading</source>
        <translation>——J u = J·u 由 J 算出：前向模式尚在加载</translation>
    </message>
    <message>
        <source>J u (forward mode)</source>
        <translation>J u（前向模式）</translation>
    </message>
    <message>
        <source>J u from one forward-mode pass (torch.func.jvp)</source>
        <translation>一次前向模式传递得到的 J u（torch.func.jvp）</translation>
    </message>
    <message>
        <source>J: one column per input</source>
        <translation>J：每个输入一列</translation>
    </message>
    <message>
        <source>The Jacobian; a one-hot u = e_k picks out its column k</source>
        <translation>雅可比矩阵；独热的 u = e_k 取出它的第 k 列</translation>
    </message>
    <message>
        <source>How many forward passes produced J u</source>
        <translation>得到 J u 用了多少次前向传递</translation>
    </message>
    <message>
        <source>Which column of J the current u picks out</source>
        <translation>当前的 u 取出了 J 的哪一列</translation>
    </message>
    <message>
        <source>Passes needed for the whole J: reverse by rows, forward by columns</source>
        <translation>求出整个 J 所需的传递次数：反向模式按行，前向模式按列</translation>
    </message>
    <message>
        <source>J u with this u: forward mode&apos;s product. Right-click: copy as LaTeX, save</source>
        <translation>用当前 u 计算的 J u：前向模式的乘积。右键：复制为 LaTeX、保存</translation>
    </message>
    <message>
        <source>forward passes: {count}</source>
        <translation>前向传递次数：{count}</translation>
    </message>
    <message>
        <source> — forward mode is not available for an operation here; J u came from J</source>
        <extracomment>Why J u took no forward pass, by ``Analysis.extras[&quot;jvp_source&quot;]`` (only true reasons).</extracomment>
        <translation>——此处有运算不支持前向模式；J u 由 J 算出</translation>
    </message>
    <message>
        <source>computing… J u for the new u</source>
        <translation>计算中…新 u 对应的 J u</translation>
    </message>
    <message>
        <source>u is not one-hot: J u = Σ_k u_k · (column k of J). Choose “{button}” (u = e1) to get column 1 alone.</source>
        <translation>u 不是独热向量：J u = Σ_k u_k ·（J 的第 k 列）。选择“{button}”（u = e1）即可单独得到第 1 列。</translation>
    </message>
    <message>
        <source>{label} only</source>
        <translation>仅 {label}</translation>
    </message>
    <message>
        <source>u = e{k}: this is column {k} of J (∂f/∂{x}), highlighted on the right.</source>
        <translation>u = e{k}：这是 J 的第 {k} 列（∂f/∂{x}），已在右侧高亮显示。</translation>
    </message>
    <message>
        <source>Reverse mode needs one pass per output row, forward mode one per input column — here J is {m}×{n}: reverse needs {m}, forward needs {n} passes for the whole J.</source>
        <translation>反向模式每个输出行需要一次传递，前向模式每个输入列需要一次——这里 J 为 {m}×{n}：求整个 J，反向模式需要 {m} 次，前向模式需要 {n} 次。</translation>
    </message>
    <message>
        <source>(J u)[{f}] = Σ_k ∂{f}/∂x_k·u_k, the rate of change of {f} along u</source>
        <translation>(J u)[{f}] = Σ_k ∂{f}/∂x_k·u_k，即 {f} 沿 u 方向的变化率</translation>
    </message>
    <message>
        <source>∂{f}/∂{x} (column {k} of J = J u for u = e{k})</source>
        <translation>∂{f}/∂{x}（J 的第 {k} 列 = u = e{k} 时的 J u）</translation>
    </message>
</context>
<context>
    <name>KroneckerView</name>
    <message>
        <source>This tab fills in when f is a linear map of one matrix variable X: A @ X, X @ B or A @ X @ B with constant matrices A and B (try Examples ▸ Matrix calculus ▸ Linear map A @ X @ B).</source>
        <translation>当 f 是单个矩阵变量 X 的线性映射时，本选项卡会显示内容：A @ X、X @ B 或 A @ X @ B，其中 A 和 B 为常数矩阵（可试试 示例 ▸ 矩阵微积分 ▸ 线性映射 A @ X @ B）。</translation>
    </message>
    <message>
        <source>X ↦ {form} is linear, so its Jacobian is a constant matrix. Flatten X and F column by column (the textbook vec) and J = {col}; flatten them row by row (torch&apos;s reshape) and J = {row}. Autograd&apos;s J is on the left of each pair, the formula beside it, their difference below.</source>
        <translation>X ↦ {form} 是线性的，所以它的雅可比矩阵是常数矩阵。把 X 和 F 按列展开（教科书中的 vec），则 J = {col}；按行展开（torch 的 reshape），则 J = {row}。每组左边是自动微分的 J，旁边是公式，下方是两者之差。</translation>
    </message>
    <message>
        <source>vec(A X B) = (Bᵀ ⊗ A) vec(X): the Matrix Cookbook, eq. 520</source>
        <translation>vec(A X B) = (Bᵀ ⊗ A) vec(X)：见 Matrix Cookbook 式 (520)</translation>
    </message>
    <message>
        <source>Largest |J − formula| over both conventions</source>
        <translation>两种约定下 |J − 公式| 的最大值</translation>
    </message>
    <message>
        <source>autograd J, column-major vec (vec F by vec {x})</source>
        <translation>自动微分的 J，按列展开（vec F 对 vec {x}）</translation>
    </message>
    <message>
        <source>J − formula (column-major)</source>
        <translation>J − 公式（按列展开）</translation>
    </message>
    <message>
        <source>autograd J, row-major vec (torch: F.reshape(-1) by {x}.reshape(-1))</source>
        <translation>自动微分的 J，按行展开（torch：F.reshape(-1) 对 {x}.reshape(-1)）</translation>
    </message>
    <message>
        <source>J − formula (row-major)</source>
        <translation>J − 公式（按行展开）</translation>
    </message>
    <message>
        <source>✓ Both formulas equal autograd&apos;s J exactly (largest difference {diff}).</source>
        <translation>✓ 两个克罗内克积公式都与自动微分的 J 完全相等（最大差值 {diff}）。</translation>
    </message>
    <message>
        <source>✗ The formulas differ from autograd&apos;s J by up to {diff}.</source>
        <translation>✗ 公式与自动微分的 J 最多相差 {diff}。</translation>
    </message>
</context>
<context>
    <name>LatestWinsRunner</name>
    <message>
        <source>internal error ({kind}: {error}); please report this</source>
        <extracomment>compute(job, task) -&gt; result; cancel_hook(running_job, new_job) stops extra work, if any.</extracomment>
        <translation>内部错误（{kind}：{error}）；请报告此问题</translation>
    </message>
</context>
<context>
    <name>LinearMapView</name>
    <message>
        <source>Display arithmetic on the 2×2 J at the point: det and SVD</source>
        <translation>对该点处 2×2 的 J 所做的显示用计算：行列式与奇异值分解</translation>
    </message>
    <message>
        <source>near the point (input space)</source>
        <translation>该点附近（输入空间）</translation>
    </message>
    <message>
        <source>its images (output space)</source>
        <translation>它们的像（输出空间）</translation>
    </message>
    <message>
        <source>1 output</source>
        <translation>1 个输出</translation>
    </message>
    <message>
        <source>{m} outputs</source>
        <translation>{m} 个输出</translation>
    </message>
    <message>
        <source>1 plotted input</source>
        <translation>1 个所绘输入</translation>
    </message>
    <message>
        <source>{n} plotted inputs</source>
        <translation>{n} 个所绘输入</translation>
    </message>
    <message>
        <source>This picture needs a map 2 → 2 (or 1 → 1): here f has {outputs} over {inputs}.</source>
        <translation>此图需要 2 → 2（或 1 → 1）的映射：这里 f 在 {inputs} 上有 {outputs}。</translation>
    </message>
    <message>
        <source>J is not finite at the point (f is not differentiable there).</source>
        <translation>J 在该点不是有限值（f 在那里不可微）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;J as a linear map&lt;/b&gt; ({ins}) → ({outs}) near the point</source>
        <translation>&lt;b&gt;J 作为线性映射&lt;/b&gt;：该点附近的 ({ins}) → ({outs})</translation>
    </message>
    <message>
        <source>J as a linear map near the point</source>
        <translation>该点附近作为线性映射的 J</translation>
    </message>
    <message>
        <source>For f: 2 → 2 (or 1 → 1): what J does to a small square and circle.</source>
        <translation>对于 f：2 → 2（或 1 → 1）：J 如何作用于一个小正方形和小圆。</translation>
    </message>
    <message>
        <source>{out} near {axis} = {x0} and its tangent</source>
        <translation>{axis} = {x0} 附近的 {out} 及其切线</translation>
    </message>
    <message>
        <source>J = d{out}/d{axis} = {slope}: near the point f stretches lengths by |J| = {abs} and reverses direction.</source>
        <translation>J = d{out}/d{axis} = {slope}：在该点附近，f 把长度拉伸 |J| = {abs} 倍，并使方向反转。</translation>
    </message>
    <message>
        <source>J = d{out}/d{axis} = {slope}: near the point f stretches lengths by |J| = {abs}.</source>
        <translation>J = d{out}/d{axis} = {slope}：在该点附近，f 把长度拉伸 |J| = {abs} 倍。</translation>
    </message>
    <message>
        <source>f(x0) + J (x − x0) over the square: a parallelogram of area |det J| × area</source>
        <translation>正方形在 f(x0) + J (x − x0) 下的像：面积为 |det J| × 原面积的平行四边形</translation>
    </message>
    <message>
        <source>square</source>
        <translation>正方形</translation>
    </message>
    <message>
        <source>rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <source>det J = {det}, orientation flipped</source>
        <translation>det J = {det}，定向翻转</translation>
    </message>
    <message>
        <source>det J = {det}</source>
        <translation>det J = {det}</translation>
    </message>
    <message>
        <source>{shape}: area {area} → parallelogram: area |det J| × {area} = {image} ({det})</source>
        <translation>{shape}：面积 {area} → 平行四边形：面积 |det J| × {area} = {image}（{det}）</translation>
    </message>
    <message>
        <source>circle of radius r = {r} → ellipse with semi-axes σ1·r = {a}, σ2·r = {b} (σ1 = {s1}, σ2 = {s2}: singular values of J; σ1·σ2 = |det J|; J maps the directions v1, v2 onto them)</source>
        <translation>半径 r = {r} 的圆 → 半轴为 σ1·r = {a}、σ2·r = {b} 的椭圆（σ1 = {s1}、σ2 = {s2}：J 的奇异值；σ1·σ2 = |det J|；J 把方向 v1、v2 映射到这两条半轴上）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>jacdesk — vector and matrix differentiation</source>
        <translation>jacdesk — 向量与矩阵求导</translation>
    </message>
    <message>
        <source>What to look for in the loaded example</source>
        <translation>载入的示例中值得关注的地方</translation>
    </message>
    <message>
        <source>starting…</source>
        <extracomment>A request shorter than this never shows the busy bar.</extracomment>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>How the last Jacobian was computed</source>
        <translation>上一个雅可比矩阵是如何计算的</translation>
    </message>
    <message>
        <source>Time of the last numeric computation</source>
        <translation>上一次数值计算的耗时</translation>
    </message>
    <message>
        <source>Where jacdesk computes</source>
        <translation>jacdesk 在哪个设备上计算</translation>
    </message>
    <message>
        <source>Computing… (Esc cancels)</source>
        <translation>计算中…（按 Esc 取消）</translation>
    </message>
    <message>
        <source>J by {strategy}</source>
        <translation>J 的计算方式：{strategy}</translation>
    </message>
    <message>
        <source>computed in {ms} ms</source>
        <translation>耗时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>the last valid result is shown (marked stale)</source>
        <translation>显示的是上一次有效的结果（已标记为过时）</translation>
    </message>
</context>
<context>
    <name>MathView</name>
    <message>
        <source>Right-click: copy as LaTeX, save as SVG or PNG</source>
        <translation>右键：复制为 LaTeX，保存为 SVG 或 PNG</translation>
    </message>
    <message>
        <source>Copy as LaTeX</source>
        <translation>复制为 LaTeX</translation>
    </message>
    <message>
        <source>Save as SVG…</source>
        <translation>保存为 SVG…</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>保存为 PNG…</translation>
    </message>
    <message>
        <source>SVG pictures (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Save the formula</source>
        <translation>保存公式</translation>
    </message>
</context>
<context>
    <name>MatrixExport</name>
    <message>
        <source>CSV for spreadsheets — &apos;{sep}&apos; between cells, &apos;{dec}&apos; as decimal mark (*.csv)</source>
        <translation>电子表格用 CSV——单元格以“{sep}”分隔，小数点为“{dec}” (*.csv)</translation>
    </message>
    <message>
        <source>CSV, exact — comma, shortest round-trip numbers (*.csv)</source>
        <translation>CSV（精确）——逗号分隔，可无损往返的最短数字 (*.csv)</translation>
    </message>
    <message>
        <source>Markdown table (*.md)</source>
        <translation>Markdown 表格 (*.md)</translation>
    </message>
    <message>
        <source>LaTeX bmatrix (*.tex)</source>
        <translation>LaTeX bmatrix (*.tex)</translation>
    </message>
    <message>
        <source>Export {title}</source>
        <translation>导出 {title}</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>MatrixModel</name>
    <message>
        <source>(stale: from the last valid input)</source>
        <translation>（过时：来自上一次有效的输入）</translation>
    </message>
    <message>
        <source>not finite: f is not differentiable here, or the value overflows</source>
        <translation>不是有限值：f 在此处不可微，或数值溢出</translation>
    </message>
</context>
<context>
    <name>MatrixView</name>
    <message>
        <source>Hover a cell for its exact value; Ctrl+C copies the selection</source>
        <translation>鼠标悬停在单元格上可查看精确值；Ctrl+C 复制选中内容</translation>
    </message>
    <message>
        <source>Select all cells</source>
        <translation>选中所有单元格</translation>
    </message>
    <message>
        <source>Nothing to show here yet</source>
        <translation>这里暂时没有内容</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected cells as exact TSV</source>
        <translation>将选中的单元格复制为精确的 TSV</translation>
    </message>
    <message>
        <source>Copy all</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <source>Copy every cell as exact TSV</source>
        <translation>将所有单元格复制为精确的 TSV</translation>
    </message>
    <message>
        <source>Copy as LaTeX bmatrix</source>
        <translation>复制为 LaTeX bmatrix</translation>
    </message>
    <message>
        <source>Copy the selection (or all) as \begin{bmatrix}…</source>
        <translation>将选中内容（或全部）复制为 \begin{bmatrix}…</translation>
    </message>
    <message>
        <source>Export…</source>
        <extracomment>Stated in an exported file&apos;s corner cell (the J view sets its conventions here).</extracomment>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the whole matrix as CSV (exact or for spreadsheets), Markdown or LaTeX</source>
        <translation>将整个矩阵保存为 CSV（精确或电子表格用）、Markdown 或 LaTeX</translation>
    </message>
    <message>
        <source>Copy as NumPy literal</source>
        <translation>复制为 NumPy 字面量</translation>
    </message>
    <message>
        <source>np.array([...]) with exact numbers</source>
        <translation>带精确数值的 np.array([...])</translation>
    </message>
    <message>
        <source>Copy as PyTorch literal</source>
        <translation>复制为 PyTorch 字面量</translation>
    </message>
    <message>
        <source>torch.tensor([...], dtype=torch.float64) with exact numbers</source>
        <translation>带精确数值的 torch.tensor([...], dtype=torch.float64)</translation>
    </message>
    <message>
        <source>Copy as Markdown table</source>
        <translation>复制为 Markdown 表格</translation>
    </message>
    <message>
        <source>A Markdown table with the labels</source>
        <translation>带行列标签的 Markdown 表格</translation>
    </message>
    <message>
        <source>nothing to show yet</source>
        <translation>暂无内容</translation>
    </message>
    <message>
        <source>matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>exported {title} to {path}</source>
        <translation>已将 {title} 导出到 {path}</translation>
    </message>
    <message>
        <source>copied as {kind}</source>
        <translation>已复制为 {kind}</translation>
    </message>
    <message>
        <source>not copied: {count} cells is too many for the clipboard (at most {limit}); select fewer or export to CSV</source>
        <translation>未复制：{count} 个单元格对剪贴板来说太多（最多 {limit} 个）；请少选一些，或导出为 CSV</translation>
    </message>
    <message>
        <source>copied 1 cell</source>
        <translation>已复制 1 个单元格</translation>
    </message>
    <message>
        <source>copied {count} cells</source>
        <translation>已复制 {count} 个单元格</translation>
    </message>
</context>
<context>
    <name>NameCompleter</name>
    <message>
        <source>Tab or Enter inserts the name; Esc closes the list</source>
        <translation>按 Tab 或 Enter 插入名称；按 Esc 关闭列表</translation>
    </message>
    <message>
        <source>{name} — variable</source>
        <translation>{name}——变量</translation>
    </message>
    <message>
        <source>{name} = {value} (constant)</source>
        <translation>{name} = {value}（常数）</translation>
    </message>
</context>
<context>
    <name>PitfallsPage</name>
    <message>
        <source>(a) backward on a non-scalar y</source>
        <extracomment>(key, button text, the torch code it runs) in the order of issue 17&apos;s list.</extracomment>
        <translation>(a) 对非标量 y 调用 backward</translation>
    </message>
    <message>
        <source>(b) backward twice without zeroing</source>
        <translation>(b) 两次 backward 而不清零</translation>
    </message>
    <message>
        <source>(c) second backward without retain_graph</source>
        <translation>(c) 不带 retain_graph 的第二次 backward</translation>
    </message>
    <message>
        <source>(d) J from x.grad by columns is Jᵀ</source>
        <translation>(d) 用 x.grad 按列拼出的 J 是 Jᵀ</translation>
    </message>
    <message>
        <source>(e) gradcheck in float32 and float64</source>
        <translation>(e) 在 float32 和 float64 下运行 gradcheck</translation>
    </message>
    <message>
        <source>y has m components, so backward needs v (one weight per output): it computes vᵀJ. v = ones sums the rows of J.</source>
        <extracomment>core&apos;s explanations by key, shown translated (a text core changed is shown as it is).</extracomment>
        <translation>y 有 m 个分量，所以 backward 需要 v（每个输出一个权重）：它计算 vᵀJ。v 全为 1 时，结果是 J 各行之和。</translation>
    </message>
    <message>
        <source>backward adds into x.grad (it accumulates); call x.grad.zero_() (or optimizer.zero_grad()) between passes.</source>
        <translation>backward 会累加到 x.grad 上；两次反向传播之间请调用 x.grad.zero_()（或 optimizer.zero_grad()）。</translation>
    </message>
    <message>
        <source>backward frees the graph&apos;s saved tensors to save memory; pass retain_graph=True to the first backward to walk the same graph twice.</source>
        <translation>backward 会释放计算图保存的张量以节省内存；要两次遍历同一张图，请在第一次 backward 时传入 retain_graph=True。</translation>
    </message>
    <message>
        <source>y.backward(e_i) puts e_iᵀJ, row i of J, into x.grad; storing it as column i builds Jᵀ. A symmetric J hides the mistake.</source>
        <translation>y.backward(e_i) 把 e_iᵀJ（即 J 的第 i 行）放进 x.grad；把它存成第 i 列得到的是 Jᵀ。对称的 J 会掩盖这个错误。</translation>
    </message>
    <message>
        <source>gradcheck compares autograd with finite differences of step 1e-6 and tolerance 1e-5: float32&apos;s rounding (ε ≈ 1.2e-7, divided by h) is far larger, so only float64 passes.</source>
        <translation>gradcheck 用步长 1e-6 的有限差分、容差 1e-5 与 autograd 比较：float32 的舍入误差（ε ≈ 1.2e-7，再除以 h）大得多，所以只有 float64 能通过。</translation>
    </message>
    <message>
        <source>x.grad after one backward</source>
        <extracomment>The names of the values torch produced.</extracomment>
        <translation>一次 backward 后的 x.grad</translation>
    </message>
    <message>
        <source>x.grad after two backwards</source>
        <translation>两次 backward 后的 x.grad</translation>
    </message>
    <message>
        <source>x.grad after zero_() and one backward</source>
        <translation>zero_() 后再一次 backward 的 x.grad</translation>
    </message>
    <message>
        <source>J built from x.grad by columns</source>
        <translation>用 x.grad 按列拼出的 J</translation>
    </message>
    <message>
        <source>a symmetric J</source>
        <translation>一个对称的 J</translation>
    </message>
    <message>
        <source>the symmetric J by columns</source>
        <translation>按列拼出的对称 J</translation>
    </message>
    <message>
        <source>gradcheck passed in float32</source>
        <translation>float32 下 gradcheck 通过</translation>
    </message>
    <message>
        <source>gradcheck passed in float64</source>
        <translation>float64 下 gradcheck 通过</translation>
    </message>
    <message>
        <source>Classic autograd mistakes, made for real with torch on this f</source>
        <translation>经典的 autograd 错误：用 torch 在这个 f 上真实重现</translation>
    </message>
    <message>
        <source>Click a pitfall to run it on this f</source>
        <translation>点击一个陷阱，在这个 f 上运行它</translation>
    </message>
    <message>
        <source>running torch…</source>
        <translation>正在运行 torch…</translation>
    </message>
    <message>
        <source>torch raised: {error}</source>
        <translation>torch 报错：{error}</translation>
    </message>
    <message>
        <source>torch raised no error</source>
        <translation>torch 没有报错</translation>
    </message>
    <message>
        <source>torch warned: {warning}</source>
        <translation>torch 警告：{warning}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>PlotController</name>
    <message>
        <source>choose an input to plot against</source>
        <translation>请选择一个作为横轴的输入</translation>
    </message>
    <message>
        <source>set a range for every plotted input</source>
        <translation>请为每个所绘输入设置范围</translation>
    </message>
</context>
<context>
    <name>PlotControls</name>
    <message>
        <source>— none (plot over x only) —</source>
        <translation>——无（只对 x 作图）——</translation>
    </message>
    <message>
        <source>The input plotted across (x axis); the others stay at the point</source>
        <translation>沿横轴（x 轴）变化的输入；其余输入保持在该点的取值</translation>
    </message>
    <message>
        <source>The input plotted upwards (y axis), or none for curves over one input</source>
        <translation>沿纵轴（y 轴）变化的输入；选“无”则绘制关于一个输入的曲线</translation>
    </message>
    <message>
        <source>Lowest x plotted</source>
        <translation>x 的最小值</translation>
    </message>
    <message>
        <source>Highest x plotted</source>
        <translation>x 的最大值</translation>
    </message>
    <message>
        <source>Lowest y plotted</source>
        <translation>y 的最小值</translation>
    </message>
    <message>
        <source>Highest y plotted</source>
        <translation>y 的最大值</translation>
    </message>
    <message>
        <source> points per axis</source>
        <translation> 点/轴</translation>
    </message>
    <message>
        <source>Grid resolution: more points, finer maps, slower to compute</source>
        <translation>网格分辨率：点越多，图越精细，计算越慢</translation>
    </message>
    <message>
        <source>tangent plane</source>
        <translation>切平面</translation>
    </message>
    <message>
        <source>Draw the tangent plane f(p) + J (x − p) at the point (3-D view)</source>
        <translation>在该点绘制切平面 f(p) + J (x − p)（三维视图）</translation>
    </message>
    <message>
        <source>Reset ranges</source>
        <translation>重置范围</translation>
    </message>
    <message>
        <source>Ranges back to −3 … 3, or ± 3 around the point when it lies outside</source>
        <translation>范围恢复为 −3 … 3；若点在此范围之外，则为该点 ± 3</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>x input:</source>
        <translation>x 输入：</translation>
    </message>
    <message>
        <source>y input:</source>
        <translation>y 输入：</translation>
    </message>
    <message>
        <source>resolution:</source>
        <translation>分辨率：</translation>
    </message>
    <message>
        <source>⚠ {inputs}: the range&apos;s low end must be below its high end</source>
        <translation>⚠ {inputs}：范围的下限必须小于上限</translation>
    </message>
</context>
<context>
    <name>PlotExport</name>
    <message>
        <source>this view is drawn with OpenGL and can only be saved as PNG</source>
        <translation>此视图由 OpenGL 绘制，只能保存为 PNG</translation>
    </message>
    <message>
        <source>could not draw the view into {path}</source>
        <translation>无法将视图绘制到 {path}</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation>保存图形</translation>
    </message>
    <message>
        <source>Cannot save the plot</source>
        <translation>无法保存图形</translation>
    </message>
    <message>
        <source>Plot data</source>
        <translation>图形数据</translation>
    </message>
    <message>
        <source>No plot has been computed yet.</source>
        <translation>还没有计算任何图形。</translation>
    </message>
    <message>
        <source>Save the plot data into folder</source>
        <translation>将图形数据保存到文件夹</translation>
    </message>
    <message>
        <source>Cannot save the plot data</source>
        <translation>无法保存图形数据</translation>
    </message>
</context>
<context>
    <name>PlotsPanel</name>
    <message>
        <source>What the plots are doing</source>
        <translation>图形的当前状态</translation>
    </message>
    <message>
        <source>Each view draws the same grid around the point</source>
        <translation>每个视图都绘制该点周围的同一网格</translation>
    </message>
    <message>
        <source>Surfaces (3-D)</source>
        <translation>曲面（三维）</translation>
    </message>
    <message>
        <source>Maps (2-D)</source>
        <translation>热图（二维）</translation>
    </message>
    <message>
        <source>det J field</source>
        <translation>det J 场</translation>
    </message>
    <message>
        <source>Local linear map</source>
        <translation>局部线性映射</translation>
    </message>
    <message>
        <source>3-D surfaces unavailable ({why}); the 2-D maps show the same data.</source>
        <extracomment>File names for saved images: English whatever the interface language.</extracomment>
        <translation>三维曲面不可用（{why}）；二维热图显示的是相同的数据。</translation>
    </message>
    <message>
        <source>Save image…</source>
        <translation>保存图片…</translation>
    </message>
    <message>
        <source>The current view as PNG (any view) or SVG (2-D views)</source>
        <translation>将当前视图保存为 PNG（任意视图）或 SVG（二维视图）</translation>
    </message>
    <message>
        <source>Save data…</source>
        <translation>保存数据…</translation>
    </message>
    <message>
        <source>f, J and det J over the grid as CSV files (exact numbers)</source>
        <translation>网格上的 f、J 和 det J，保存为 CSV 文件（精确数值）</translation>
    </message>
</context>
<context>
    <name>PracticePage</name>
    <message>
        <source>a list like [1, 2]</source>
        <translation>形如 [1, 2] 的列表</translation>
    </message>
    <message>
        <source>a matrix like [[1, 2], [3, 4]]</source>
        <translation>形如 [[1, 2], [3, 4]] 的矩阵</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>一个数</translation>
    </message>
    <message>
        <source>reverse or forward</source>
        <translation>反向或前向</translation>
    </message>
    <message>
        <source>reverse</source>
        <extracomment>The answers to the &quot;which mode is cheaper?&quot; questions, as core writes them.</extracomment>
        <translation>反向</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <source>answer reverse or forward (反向 or 前向)</source>
        <extracomment>core&apos;s one-line refusals of an unreadable answer, shown translated.</extracomment>
        <translation>请回答“反向”或“前向”</translation>
    </message>
    <message>
        <source>write a number or a list like [1, 2] (or [[1, 2], [3, 4]])</source>
        <translation>请写一个数，或形如 [1, 2]（或 [[1, 2], [3, 4]]）的列表</translation>
    </message>
    <message>
        <source>✓: solved; the current exercise is in brackets</source>
        <translation>✓：已解答；方括号里是当前练习</translation>
    </message>
    <message>
        <source>Numbers and lists as [1, 2] or [[1, 2], [3, 4]]</source>
        <translation>数或列表，如 [1, 2] 或 [[1, 2], [3, 4]]</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Compare with what jacdesk computes (Enter)</source>
        <translation>与 jacdesk 的计算结果比较（回车）</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一题</translation>
    </message>
    <message>
        <source>The exercise before this one</source>
        <translation>上一道练习</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
    <message>
        <source>The next exercise</source>
        <translation>下一道练习</translation>
    </message>
    <message>
        <source>Your answer:</source>
        <translation>你的答案：</translation>
    </message>
    <message>
        <source>type an answer first</source>
        <translation>请先输入答案</translation>
    </message>
    <message>
        <source>✓ Right.</source>
        <translation>✓ 正确。</translation>
    </message>
    <message>
        <source>✗ Not quite: jacdesk computes {expected}.</source>
        <translation>✗ 不太对：jacdesk 算出的是 {expected}。</translation>
    </message>
    <message>
        <source>The chain rule, worked:</source>
        <translation>链式法则，逐步算出：</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <source>(rows: </source>
        <translation>(各行：</translation>
    </message>
    <message>
        <source>m = {m} outputs, n = {n} inputs: reverse needs {m} backward passes, forward {n} JVPs</source>
        <translation>m = {m} 个输出，n = {n} 个输入：反向需要 {m} 次反向传播，前向需要 {n} 次 JVP</translation>
    </message>
    <message>
        <source>f = [{f}] at {point}</source>
        <translation>f = [{f}]，点 {point}</translation>
    </message>
    <message>
        <source>Exercise {i} of {n}</source>
        <translation>练习 {i} / {n}</translation>
    </message>
    <message>
        <source>solved {k} of {n}: {marks}</source>
        <translation>已解答 {k} / {n}：{marks}</translation>
    </message>
</context>
<context>
    <name>PrecisionPage</name>
    <message>
        <source>Forward differences: truncation error ~h (slope 1) meets rounding error ~ε/h (slope −1) near h ≈ √ε ≈ 1.5e-8. Central differences: truncation ~h² (slope 2) meets rounding near h ≈ ∛ε ≈ 6e-6. ε = 2.2e-16 is float64&apos;s machine epsilon.</source>
        <extracomment>core&apos;s explanation, piece by piece (core joins these): each is shown translated.</extracomment>
        <translation>前向差分：截断误差 ~h（斜率 1）与舍入误差 ~ε/h（斜率 −1）在 h ≈ √ε ≈ 1.5e-8 附近相遇。中心差分：截断误差 ~h²（斜率 2）与舍入误差在 h ≈ ∛ε ≈ 6e-6 附近相遇。ε = 2.2e-16 是 float64 的机器精度。</translation>
    </message>
    <message>
        <source>In float32 (ε = 1.2e-7) the V&apos;s bottom moves up and right: forward differences are best near h ≈ √ε ≈ 3e-4, central near h ≈ ∛ε ≈ 5e-3; below ~1e-7·|x| the step vanishes in x + h.</source>
        <translation>在 float32 中（ε = 1.2e-7），V 的底部向右上方移动：前向差分在 h ≈ √ε ≈ 3e-4 附近最好，中心差分在 h ≈ ∛ε ≈ 5e-3 附近最好；步长小于约 1e-7·|x| 时，它在 x + h 中被舍入掉。</translation>
    </message>
    <message>
        <source> Here f&apos;&apos;&apos; = 0: central differences have no truncation error, only rounding.</source>
        <translation>这里 f&apos;&apos;&apos; = 0：中心差分没有截断误差，只有舍入误差。</translation>
    </message>
    <message>
        <source>How exact is J? Finite differences against the step h, and J computed in float32 against J in float64</source>
        <translation>J 有多精确？有限差分误差随步长 h 的变化，以及 float32 与 float64 算出的 J 的对比</translation>
    </message>
    <message>
        <source>The dtype the finite differences are computed in</source>
        <translation>计算有限差分所用的 dtype</translation>
    </message>
    <message>
        <source>Finite differences in:</source>
        <translation>有限差分精度：</translation>
    </message>
    <message>
        <source>The V: max |J_fd(h) − J| falls with h while truncation rules (slope 1 forward, 2 central) and rises again where rounding rules (slope −1). Stars: the best steps</source>
        <translation>V 形：截断误差主导时，max |J_fd(h) − J| 随 h 减小而下降（前向斜率 1，中心斜率 2）；舍入误差主导时又回升（斜率 −1）。星号：最佳步长</translation>
    </message>
    <message>
        <source>step h</source>
        <translation>步长 h</translation>
    </message>
    <message>
        <source>max |J_fd − J|</source>
        <translation>最大 |J_fd − J|</translation>
    </message>
    <message>
        <source>forward (f(x+h) − f(x)) / h</source>
        <translation>前向 (f(x+h) − f(x)) / h</translation>
    </message>
    <message>
        <source>central (f(x+h) − f(x−h)) / 2h</source>
        <translation>中心 (f(x+h) − f(x−h)) / 2h</translation>
    </message>
    <message>
        <source>J in float64</source>
        <translation>float64 下的 J</translation>
    </message>
    <message>
        <source>J in float32</source>
        <translation>float32 下的 J</translation>
    </message>
    <message>
        <source>|J32 − J64|</source>
        <translation>绝对差 |J32 − J64|</translation>
    </message>
    <message>
        <source>|J32 − J64| in float32 ulps</source>
        <translation>|J32 − J64|（以 float32 的 ulp 计）</translation>
    </message>
    <message>
        <source>sweeping 13 steps…</source>
        <translation>正在扫描 13 个步长…</translation>
    </message>
    <message>
        <source>shown once f has a result</source>
        <translation>f 有结果后显示</translation>
    </message>
    <message>
        <source>best central h = {h} (f&apos;&apos;&apos; = 0: no truncation error)</source>
        <translation>最佳中心差分步长 h = {h}（f&apos;&apos;&apos; = 0：没有截断误差）</translation>
    </message>
    <message>
        <source>best forward h = {h} (≈ √ε)</source>
        <translation>最佳前向 h = {h}（≈ √ε）</translation>
    </message>
    <message>
        <source>best central h = {h} (≈ ∛ε)</source>
        <translation>最佳中心 h = {h}（≈ ∛ε）</translation>
    </message>
    <message>
        <source>float32 against float64: largest |J32 − J64| = {err}, {ulps} ulps of float32</source>
        <translation>float32 对比 float64：最大 |J32 − J64| = {err}，即 float32 的 {ulps} 个 ulp</translation>
    </message>
</context>
<context>
    <name>QuestionsView</name>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Forward or reverse?</source>
        <translation>前向还是反向？</translation>
    </message>
    <message>
        <source>Pitfalls</source>
        <translation>陷阱</translation>
    </message>
    <message>
        <source>Practice</source>
        <translation>练习</translation>
    </message>
</context>
<context>
    <name>ResultTabs</name>
    <message>
        <source>Component surfaces, maps, the det J field and the local linear map</source>
        <translation>各分量的曲面、热图、det J 场和局部线性映射</translation>
    </message>
    <message>
        <source>What y.backward(v) computes: vᵀJ; one-hot v gives one row of J</source>
        <translation>y.backward(v) 计算的是 vᵀJ；独热的 v 给出 J 的一行</translation>
    </message>
    <message>
        <source>Forward mode: J u; one-hot u gives one column</source>
        <translation>前向模式：J u；独热的 u 给出一列</translation>
    </message>
    <message>
        <source>J</source>
        <extracomment>Tab names are keys (``view(name)``, ``names()``, sessions); only the shown text is translated, in the context &quot;ResultTabs&quot; (a tab added elsewhere marks its name with QT_TRANSLATE_NOOP).</extracomment>
        <translation>J</translation>
    </message>
    <message>
        <source>Symbolic J</source>
        <translation>符号 J</translation>
    </message>
    <message>
        <source>det J</source>
        <translation>det J</translation>
    </message>
    <message>
        <source>Backward lab</source>
        <translation>反向传播实验</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>JVP</source>
        <translation>JVP</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Kronecker</source>
        <translation>克罗内克积</translation>
    </message>
    <message>
        <source>Hessian</source>
        <translation>海森矩阵</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>问答</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>图形</translation>
    </message>
    <message>
        <source>The Jacobian J = ∂f/∂x at the point: outputs down, inputs across</source>
        <translation>该点处的雅可比矩阵 J = ∂f/∂x：输出按行，输入按列</translation>
    </message>
    <message>
        <source>J as formulas in the input names, and det J simplified</source>
        <translation>以输入名称表示的 J 公式，以及化简后的 det J</translation>
    </message>
    <message>
        <source>det J, log|det J| and its sign: how f scales and orients volumes</source>
        <translation>det J、log|det J| 及其符号：f 如何缩放体积、是否改变定向</translation>
    </message>
    <message>
        <source>Watch y.backward(v) walk torch&apos;s real autograd graph, node by node</source>
        <translation>逐个节点观看 y.backward(v) 如何走过 torch 真实的自动求导图</translation>
    </message>
    <message>
        <source>x.grad after y.backward(v) for every variable, shaped like it</source>
        <translation>y.backward(v) 之后每个变量的 x.grad，形状与变量相同</translation>
    </message>
    <message>
        <source>J of A @ X @ B next to kron(Bᵀ, A) and kron(A, Bᵀ)</source>
        <translation>A @ X @ B 的 J 与 kron(Bᵀ, A)、kron(A, Bᵀ) 对照</translation>
    </message>
    <message>
        <source>Second derivatives ∂²f/∂x_i∂x_j (computed on request)</source>
        <translation>二阶导数 ∂²f/∂x_i∂x_j（按需计算）</translation>
    </message>
    <message>
        <source>Autograd against finite differences and against the symbolic J</source>
        <translation>自动微分与有限差分、与符号 J 的对比</translation>
    </message>
    <message>
        <source>Precision, forward or reverse, autograd pitfalls, and practice</source>
        <translation>精度、前向还是反向、autograd 陷阱，以及练习</translation>
    </message>
</context>
<context>
    <name>StaleBadge</name>
    <message>
        <source>stale — showing the last valid result</source>
        <translation>过时——显示的是上一次有效的结果</translation>
    </message>
    <message>
        <source>The input changed and its result is not ready yet (or the new input has an error): these numbers belong to the previous input.</source>
        <translation>输入已改变，但新结果尚未算出（或新输入有错误）：这些数值属于之前的输入。</translation>
    </message>
</context>
<context>
    <name>Strategy</name>
    <message>
        <source>reverse mode (one batched backward pass)</source>
        <extracomment>Below this many J entries, one batched forward/backward beats torch.func&apos;s vmap set-up cost. float64&apos;s machine epsilon; a J computed in float32 is ranked with float32&apos;s instead.</extracomment>
        <translation>反向模式（一次批量反向传播）</translation>
    </message>
    <message>
        <source>forward mode (one batched dual-number pass)</source>
        <translation>前向模式（一次批量对偶数传递）</translation>
    </message>
    <message>
        <source>reverse mode (forward mode unsupported here)</source>
        <translation>反向模式（此处不支持前向模式）</translation>
    </message>
    <message>
        <source>reverse mode (torch.func.jacrev)</source>
        <translation>反向模式（torch.func.jacrev）</translation>
    </message>
    <message>
        <source>forward mode (torch.func.jacfwd)</source>
        <translation>前向模式（torch.func.jacfwd）</translation>
    </message>
    <message>
        <source>reverse mode (torch.func.jacrev; forward mode unsupported here)</source>
        <translation>反向模式（torch.func.jacrev；此处不支持前向模式）</translation>
    </message>
    <message>
        <source>reverse mode (torch.autograd.functional.jacobian on the Python function)</source>
        <translation>反向模式（对 Python 函数调用 torch.autograd.functional.jacobian）</translation>
    </message>
    <message>
        <source>reverse mode (f is scalar: one backward pass gives J, its gradient)</source>
        <extracomment>det J costs one LU factorisation, O(n³): 14 ms at 1024×1024, twice the Jacobian itself. Beyond this many inputs a scalar f&apos;s J u is taken from J (one dot product) instead of a pass.</extracomment>
        <translation>反向模式（f 为标量：一次反向传播即得 J，即其梯度）</translation>
    </message>
    <message>
        <source>reverse mode (one backward pass per output: the rows of J)</source>
        <translation>反向模式（每个输出一次反向传播：即 J 的各行）</translation>
    </message>
    <message>
        <source>{strategy} over {points} points</source>
        <extracomment>context → templates of texts that core builds from parts (each field is a translated part).</extracomment>
        <translation>{strategy}，共 {points} 个点</translation>
    </message>
    <message>
        <source>reverse mode: the batch-sum trick, {m} backward pass(es)</source>
        <translation>反向模式：批量求和技巧，{m} 次反向传播</translation>
    </message>
    <message>
        <source>forward mode, {n} batched dual pass(es)</source>
        <translation>前向模式，{n} 次批量对偶数传递</translation>
    </message>
    <message>
        <source>{mode} mode (torch.func.{fn} on the Python function)</source>
        <translation>{mode}模式（对 Python 函数调用 torch.func.{fn}）</translation>
    </message>
    <message>
        <source>reverse</source>
        <translation>反向</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>前向</translation>
    </message>
</context>
<context>
    <name>Surfaces3D</name>
    <message>
        <source>Drag to rotate, wheel to zoom, Ctrl+drag to pan. Heights are scaled to fit the box.</source>
        <translation>拖动旋转，滚轮缩放，Ctrl+拖动平移。高度已缩放以适应包围盒。</translation>
    </message>
    <message>
        <source> (spikes clamped: the values reach {low} … {high})</source>
        <translation>（尖峰已截断：数值范围为 {low} … {high}）</translation>
    </message>
    <message>
        <source>{label} over {a} ∈ [{a_lo}, {a_hi}], {b} ∈ [{b_lo}, {b_hi}]; {label} from {z_lo} to {z_hi}{clip}.</source>
        <translation>{label}，{a} ∈ [{a_lo}, {a_hi}]，{b} ∈ [{b_lo}, {b_hi}]；{label} 的取值从 {z_lo} 到 {z_hi}{clip}。</translation>
    </message>
    <message>
        <source>The point ({x0}, {y0}): value {f0}</source>
        <translation>点 ({x0}, {y0})：值为 {f0}</translation>
    </message>
    <message>
        <source>Tangent plane at the point: z = {plane}</source>
        <translation>该点处的切平面：z = {plane}</translation>
    </message>
    <message>
        <source>Each output component f_i as a surface over the two plotted inputs</source>
        <translation>每个输出分量 f_i 在两个所绘输入上的曲面</translation>
    </message>
    <message>
        <source>More than four components: choose which four to show</source>
        <translation>分量多于四个：选择显示哪四个</translation>
    </message>
    <message>
        <source>tangent planes</source>
        <translation>切平面</translation>
    </message>
    <message>
        <source>Show the plane z = f_i(x0) + J[i]·(x − x0) at the point</source>
        <translation>在该点显示平面 z = f_i(x0) + J[i]·(x − x0)</translation>
    </message>
    <message>
        <source>reset camera</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <source>Back to the default viewing angle and distance</source>
        <translation>恢复默认的视角和距离</translation>
    </message>
    <message>
        <source>3-D surfaces need f over two plotted inputs</source>
        <translation>三维曲面需要 f 关于两个所绘输入</translation>
    </message>
    <message>
        <source>f_i over two inputs, in 3-D</source>
        <translation>f_i 关于两个输入的三维图</translation>
    </message>
    <message>
        <source>choose two inputs to plot f over a grid</source>
        <translation>选择两个输入，在网格上绘制 f</translation>
    </message>
    <message>
        <source>&lt;b&gt;f over {a} × {b}&lt;/b&gt; — {n1}×{n2} grid; heights scaled to fit, labels in true units</source>
        <translation>&lt;b&gt;f，自变量 {a} × {b}&lt;/b&gt;——{n1}×{n2} 网格；高度已缩放以适应显示，标签为实际数值</translation>
    </message>
</context>
<context>
    <name>SymbolicView</name>
    <message>
        <source>computing the symbolic form…</source>
        <translation>正在计算符号形式…</translation>
    </message>
    <message>
        <source>the formulas appear here when sympy is done</source>
        <translation>sympy 完成后公式会显示在这里</translation>
    </message>
    <message>
        <source>Only part of the symbolic form arrived.</source>
        <translation>只得到了部分符号形式。</translation>
    </message>
    <message>
        <source>Skipped: f is too large for a symbolic form.</source>
        <translation>已跳过：f 太大，无法求符号形式。</translation>
    </message>
    <message>
        <source>Skipped: the symbolic form took too long.</source>
        <translation>已跳过：符号形式耗时过长。</translation>
    </message>
    <message>
        <source>Cancelled: a newer input replaced this one.</source>
        <translation>已取消：更新的输入取代了这个输入。</translation>
    </message>
    <message>
        <source>The symbolic form could not be derived.</source>
        <translation>无法推导出符号形式。</translation>
    </message>
    <message>
        <source>Symbolic forms are turned off.</source>
        <translation>符号形式已关闭。</translation>
    </message>
    <message>
        <source>sympy is deriving J in a separate process; the numbers are ready</source>
        <translation>sympy 正在独立进程中推导 J；数值结果已经就绪</translation>
    </message>
    <message>
        <source>Why the symbolic form is missing or incomplete</source>
        <translation>符号形式缺失或不完整的原因</translation>
    </message>
    <message>
        <source>J, symbolically</source>
        <translation>J 的符号形式</translation>
    </message>
    <message>
        <source>∂f_i/∂x_j as formulas (sympy), simplified</source>
        <translation>以公式表示的 ∂f_i/∂x_j（sympy），已化简</translation>
    </message>
    <message>
        <source>The determinant of the symbolic J, simplified (square J only)</source>
        <translation>符号 J 的行列式，已化简（仅限方阵 J）</translation>
    </message>
    <message>
        <source>The layout and vec conventions of this matrix (toolbar)</source>
        <translation>此矩阵所用的布局与 vec 展开约定（见工具栏）</translation>
    </message>
    <message>
        <source>no symbolic form yet</source>
        <translation>尚无符号形式</translation>
    </message>
    <message>
        <source>Conventions: {text}.</source>
        <translation>约定：{text}。</translation>
    </message>
    <message>
        <source>no symbolic Jacobian for this input</source>
        <translation>此输入没有符号雅可比矩阵</translation>
    </message>
    <message>
        <source>no symbolic form for this result</source>
        <translation>此结果没有符号形式</translation>
    </message>
    <message>
        <source>the symbolic Jacobian appears here</source>
        <translation>符号雅可比矩阵显示在这里</translation>
    </message>
    <message>
        <source>     (= {value} at this point)</source>
        <translation>     （在此点处 = {value}）</translation>
    </message>
</context>
<context>
    <name>TorchEditor</name>
    <message>
        <source>the script gives no value for {names}: the point in the window is used</source>
        <translation>脚本没有给出 {names} 的值：使用窗口中的点</translation>
    </message>
    <message>
        <source>A PyTorch function, its point and backward(v): read, never run.</source>
        <translation>一个 PyTorch 函数、它的点以及 backward(v)：只读取，从不运行。</translation>
    </message>
    <message>
        <source>Paste or type a PyTorch function, e.g. def f(x): return torch.stack([...]), with x = torch.tensor([...]) and y.backward(v). It is read, never run.</source>
        <translation>粘贴或输入一个 PyTorch 函数，例如 def f(x): return torch.stack([...])，以及 x = torch.tensor([...]) 和 y.backward(v)。它只被读取，从不运行。</translation>
    </message>
    <message>
        <source>as jacdesk expressions</source>
        <translation>对应的 jacdesk 表达式</translation>
    </message>
    <message>
        <source>What jacdesk computes with: the function as its own expressions</source>
        <translation>jacdesk 实际计算所用的内容：把函数写成它自己的表达式</translation>
    </message>
</context>
<context>
    <name>ValueGrid</name>
    <message>
        <source>a cell holds one number, not a list</source>
        <translation>一个单元格只能填一个数，不能填列表</translation>
    </message>
    <message>
        <source>give a finite number (no nan or inf)</source>
        <translation>请输入有限的数（不能是 nan 或 inf）</translation>
    </message>
    <message>
        <source>Type a number or a constant such as pi/4, then Enter</source>
        <translation>输入一个数或常数（如 pi/4），然后按 Enter</translation>
    </message>
    <message>
        <source>{problem}; keeping {value}</source>
        <translation>{problem}；保留原值 {value}</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Rows of the matrix (values that still fit are kept)</source>
        <translation>矩阵的行数（仍能容纳的值会保留）</translation>
    </message>
    <message>
        <source>Entries of the vector (values that still fit are kept, new ones are 0)</source>
        <translation>向量的元素个数（仍能容纳的值会保留，新增的为 0）</translation>
    </message>
    <message>
        <source>Columns of the matrix (values that still fit are kept, new ones are 0)</source>
        <translation>矩阵的列数（仍能容纳的值会保留，新增的为 0）</translation>
    </message>
    <message>
        <source>[{where}] = {value}: type a number or a constant such as pi/4</source>
        <translation>[{where}] = {value}：输入一个数或常数（如 pi/4）</translation>
    </message>
</context>
<context>
    <name>VariableRow</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>vector</source>
        <translation>向量</translation>
    </message>
    <message>
        <source>matrix</source>
        <translation>矩阵</translation>
    </message>
    <message>
        <source>Shape of {name}: a number, a vector or a matrix</source>
        <translation>{name} 的形状：数、向量或矩阵</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>Hold {name} fixed: it keeps its value but is not differentiated (no column in J)</source>
        <translation>固定 {name}：保持其取值，但不对它求导（在 J 中没有对应的列）</translation>
    </message>
    <message>
        <source>Value of {name}; arrows step by 0.1, or type and press Enter</source>
        <translation>{name} 的值；箭头按 0.1 步进，也可以直接输入后按 Enter</translation>
    </message>
    <message>
        <source>Drag to sweep {name} between the two range ends</source>
        <translation>拖动以在范围两端之间扫动 {name}</translation>
    </message>
    <message>
        <source>The lowest value of {name} on the slider (type to change)</source>
        <translation>滑块上 {name} 的最小值（可输入修改）</translation>
    </message>
    <message>
        <source>The highest value of {name} on the slider (type to change)</source>
        <translation>滑块上 {name} 的最大值（可输入修改）</translation>
    </message>
    <message>
        <source>{name} is held constant: not differentiated</source>
        <translation>{name} 保持为常数：不对它求导</translation>
    </message>
    <message>
        <source>{name} is differentiated: it gives J its own column(s)</source>
        <translation>对 {name} 求导：它在 J 中有自己的列</translation>
    </message>
</context>
<context>
    <name>VariablesPanel</name>
    <message>
        <source>No variables yet: type an expression such as x1**2 + 2*x2.</source>
        <translation>还没有变量：请输入一个表达式，例如 x1**2 + 2*x2。</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Put every value back to its default (the example&apos;s, or 1)</source>
        <translation>把所有值恢复为默认值（示例中的值，或 1）</translation>
    </message>
    <message>
        <source>Random point</source>
        <translation>随机点</translation>
    </message>
    <message>
        <source>New random values for the variables (not the constants): scalars uniform in their slider range, vectors and matrices standard normal, rounded to 2 decimals</source>
        <translation>为变量（不含常数）生成新的随机值：标量在滑块范围内均匀分布，向量和矩阵服从标准正态分布，保留 2 位小数</translation>
    </message>
    <message>
        <source>Variables appear here as you type them</source>
        <translation>输入表达式时，变量会出现在这里</translation>
    </message>
    <message>
        <source>The point: one row per name, in the order of J&apos;s columns</source>
        <translation>求值点：每个名称一行，顺序与 J 的列一致</translation>
    </message>
    <message>
        <source>Move {name} up: its column(s) of J move left</source>
        <translation>上移 {name}：它在 J 中的列左移</translation>
    </message>
    <message>
        <source>Move {name} down: its column(s) of J move right</source>
        <translation>下移 {name}：它在 J 中的列右移</translation>
    </message>
    <message>
        <source>edit {name}</source>
        <translation>编辑 {name}</translation>
    </message>
</context>
<context>
    <name>VectorEditor</name>
    <message>
        <source>The vector {name}: double-click a cell (or just type) to change it</source>
        <extracomment>More components than this get a drop-down of one-hot choices instead of one button each.</extracomment>
        <translation>向量 {name}：双击单元格（或直接输入）即可修改</translation>
    </message>
    <message>
        <source>ones</source>
        <translation>全 1</translation>
    </message>
    <message>
        <source>Set every component of {name} to 1 (torch.ones_like)</source>
        <translation>将 {name} 的每个分量设为 1（torch.ones_like）</translation>
    </message>
    <message>
        <source>Pick a one-hot {name} = e_k: one component 1, the rest 0</source>
        <translation>选择独热向量 {name} = e_k：一个分量为 1，其余为 0</translation>
    </message>
    <message>
        <source>one-hot…</source>
        <translation>独热…</translation>
    </message>
    <message>
        <source>{name} = e{k}: 1 for component {k}, 0 elsewhere</source>
        <translation>{name} = e{k}：第 {k} 个分量为 1，其余为 0</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>必须是有限的数</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>不是一个数</translation>
    </message>
    <message>
        <source>{text} {problem}; {name} keeps {keep} here</source>
        <translation>{text} {problem}；{name} 在此处保留 {keep}</translation>
    </message>
    <message>
        <source>{name}[{label}]: type a number (e.g. 1, 0, -2.5, 1e-3)</source>
        <translation>{name}[{label}]：输入一个数（例如 1、0、-2.5、1e-3）</translation>
    </message>
</context>
<context>
    <name>VectorLab</name>
    <message>
        <source>{label} only</source>
        <translation>仅 {label}</translation>
    </message>
</context>
</TS>
