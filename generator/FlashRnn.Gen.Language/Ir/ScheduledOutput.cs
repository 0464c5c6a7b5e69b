using FlashRnn.Gen.Language.Programs;

namespace FlashRnn.Gen.Language.Ir;

/// <summary>An output to schedule: what it is and the DAG node computing it.</summary>
internal readonly struct ScheduledOutput
{
    public ScheduledOutput(ProgramOutputKind kind, int index, Node value, StatementOrigin origin)
    {
        Kind = kind;
        Index = index;
        Value = value;
        Origin = origin;
    }

    public ProgramOutputKind Kind { get; }

    public int Index { get; }

    public Node Value { get; }

    public StatementOrigin Origin { get; }
}
