using FlashRnn.Gen.Model;

namespace FlashRnn.Gen;

public sealed partial class RnnCellGenerator
{
    /// <summary>The planning stage: ConstrINT plans for each specialisation and target GPU.</summary>
    internal static class Planner
    {
        public static PlannedCell Plan(CellUnit unit, TargetGpuSelection targets) => new(unit, unit.Diagnostics);
    }
}
