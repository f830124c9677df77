using DevOpsFeedback.Analysis;
using DevOpsFeedback.Ports;
using static DevOpsFeedback.Releases.DeciderSpec;
using static DevOpsFeedback.Releases.Story;

namespace DevOpsFeedback.Releases;

/// <summary>An ended release takes no more commands and no late answers: its log is closed (the red button after a success aside).</summary>
public sealed partial class ReleaseDeciderSpecs
{
    private static readonly DateTimeOffset Late = T0.AddHours(1);

    private static ReleaseEvent[] Ended(string outcome) => outcome switch
    {
        "succeeded" => Succeeded(),
        "rolled back" => [.. RollingBack, new SlotsSwappedBack(T1, true, "swapped", Baseline), new ReleaseRolledBack(T1, "alert")],
        "rollback failed" => [.. RollingBack, new StepFailed(T1, "swap back", "ARM 500"), new ReleaseRollbackFailed(T1, "alert; swap back failed")],
        "canary rolled back" => [.. CanaryAt5, new RollbackStarted(T1, "alert", "azure-monitor"), new CanaryTrafficSet(T1, 0), new ReleaseRolledBack(T1, "alert")],
        "blocked" => [.. Requested(), .. Admitted, new ReleaseBlocked(T0, "staging")],
        "rejected" => [.. Requested(), new ReleaseRejected(T0, Approver, "no")],
        _ => [.. Checked(), new ReleaseAborted(T0, "smoke test failed")],
    };

    private static ReleaseCommand LateCommand(string command) => command switch
    {
        "admit" => new AdmitRelease(Late),
        "advance" => new Advance(Late.AddDays(3)),
        "approve" => new ApproveRelease(Late, Approver, null, ["hotfix-regression"]),
        "reject" => new RejectRelease(Late, Approver, "no"),
        "rollback" => new RequestRollback(Late, "bob", "late"),
        "alert" => new RaiseAlert(Late, Alert()),
        "slots read" => Result(Late, new SlotsRead(Slots())),
        "ancestry" => Result(Late, new AncestryChecked(new AncestryResult(false, "behind", ["x"]))),
        "staging smoke" => Result(Late, new SmokeTested("staging", new SmokeTestResult(true, 3, "200"))),
        "production smoke" => Result(Late, new SmokeTested(ReleaseDecider.ProductionSlot, new SmokeTestResult(true, 3, "200"))),
        "canary reset" => Result(Late, new CanaryTrafficApplied(0)),
        "analysis" => Result(Late, new Analyzed(Verdict(VerdictPhase.Fail, Late))),
        "swap" => Result(Late, new SwapCompleted(Swap(true, SwappedSlots), IsSwapBack: false)),
        "swap back" => Result(Late, new SwapCompleted(Swap(true, Slots()), IsSwapBack: true)),
        _ => Result(Late, new ActionFailed("swap back", "ARM 500")),
    };

    public static TheoryData<string, string> EndedTimesLate
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var outcome in new[] { "succeeded", "rolled back", "rollback failed", "canary rolled back", "blocked", "rejected", "aborted" })
            {
                foreach (var command in new[] { "admit", "advance", "approve", "reject", "rollback", "alert", "slots read", "ancestry", "staging smoke", "production smoke", "canary reset", "analysis", "swap", "swap back", "failure" })
                {
                    data.Add(outcome, command);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EndedTimesLate))]
    public void Given_an_ended_release_When_a_late_command_or_answer_arrives_Then_nothing_happens(string outcome, string command)
    {
        Given(Ended(outcome)).When(LateCommand(command)).ThenNothing();
    }
}
