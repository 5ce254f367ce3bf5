"""Benchmark: build and XSD/EPC-validate one pain.001 file of N opdrachten (default 10 000).

Run with `make bench`. Pure library code: no database or server needed.
"""

import json
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from uitbetaling.sepa import Debiteur, OpdrachtRij, pain001_maken  # noqa: E402

IBANS = ["NL91ABNA0417164300", "NL20INGB0001234567", "NL44RABO0123456789"]


def main(aantal: int = 10_000, herhalingen: int = 3) -> dict:
    regels = [
        OpdrachtRij(
            naam=f"Inwoner {n}",
            iban=IBANS[n % 3],
            bedrag=Decimal(10 + n % 500) + Decimal("0.95"),
            omschrijving=f"BB-2026-{n:06d} Bijzondere bijstand",
            end_to_end_id=f"BB-2026-{n:06d}",
        )
        for n in range(1, aantal + 1)
    ]
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        bestand = pain001_maken(
            debiteur=Debiteur("Gemeente Voorbeeldstad", "NL14BNGH0285001234", "BNGHNL2G"),
            rijen=regels,
            uitvoerdatum=date(2026, 12, 1),
            msg_id="BENCH-1",
            pmt_inf_id="BENCH-1-1",
        )
        tijden.append(time.perf_counter() - begin)
    return {
        "benchmark": "pain001_build_and_validate",
        "opdrachten": aantal,
        "seconden_mediaan": round(statistics.median(tijden), 3),
        "seconden": [round(t, 3) for t in tijden],
        "bytes": len(bestand.xml),
        "doel_seconden": 5.0,
    }


if __name__ == "__main__":
    uitkomst = main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(json.dumps(uitkomst, indent=2))
