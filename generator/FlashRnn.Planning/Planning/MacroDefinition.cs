using System.Globalization;

namespace FlashRnn.Planning
{
    /// <summary>One preprocessor constant of a kernel plan, e.g. <c>FRG_CTAS_PER_HEAD = 4</c>.</summary>
    /// <param name="Name">The macro name (see the fused kernel design).</param>
    /// <param name="Value">Its integer value.</param>
    public readonly record struct MacroDefinition(string Name, long Value)
    {
        /// <summary><c>#define NAME VALUE</c>.</summary>
        public string ToDefine() => "#define " + Name + " " + Value.ToString(CultureInfo.InvariantCulture);

        /// <summary><c>-DNAME=VALUE</c>, an NVRTC option.</summary>
        public string ToCompilerOption() => "-D" + Name + "=" + Value.ToString(CultureInfo.InvariantCulture);
    }
}
