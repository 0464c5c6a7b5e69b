namespace FlashRnn.Gen.Language;

/// <summary>Which declaration string of a cell a diagnostic points into.</summary>
public enum CellTextPart
{
    /// <summary><c>RnnCell.Gates</c>.</summary>
    Gates = 0,

    /// <summary><c>RnnCell.States</c>.</summary>
    States = 1,

    /// <summary><c>RnnCell.Recurrent</c>.</summary>
    Recurrent = 2,

    /// <summary><c>RnnCell.Outputs</c>.</summary>
    Outputs = 3,

    /// <summary><c>RnnCell.Initial</c>.</summary>
    Initial = 4,

    /// <summary>The <c>Equations</c> attribute's text.</summary>
    Equations = 5,
}
