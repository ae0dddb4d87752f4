"""Load a round's flows inventory with the parties it names: the surveyed tenants and the site's neighbours."""

from __future__ import annotations

from pathlib import Path

from ..errors import UsageError
from ..model import Catalogue
from ..site.load import parse_answers, round_dir, survey_path
from .check import check_table, national_map
from .data import Tables, site_tables
from .read import FLOW_NAMES, flows_path, read_table
from .records import Inventory, Party
from .sitegeo import read_geo


def survey_parties(rdir: Path, catalogue: Catalogue) -> tuple[str, dict[str, Party]]:
    """Return the round's date and its surveyed tenant firms (id, name) from answers.yaml and the survey."""
    spec, _, _ = parse_answers(rdir / "answers.yaml", catalogue)
    parties: dict[str, Party] = {}
    spath = survey_path(rdir, spec)
    if spath is not None:
        from ..site.survey import read_frame

        frame, _ = read_frame(spath)
        frame.columns = [str(c).strip() for c in frame.columns]
        for row in frame.to_dict("records"):
            fid = str(row.get("firm_id", "")).strip()
            if fid:
                name = str(row.get("firm_name", "") or fid).strip() or fid
                parties[fid] = Party(fid, {"en": name}, "tenant")
    return spec.date.isoformat(), parties


def load_inventory(folder: Path, round_id: str | None, catalogue: Catalogue, tables: Tables | None = None) -> Inventory:
    """Read and check the round's flows file; raise InputError naming every bad cell."""
    rdir = round_dir(folder, round_id)
    path = flows_path(rdir)
    if path is None:
        raise UsageError(f"{rdir}: no flows inventory (expected {' or '.join(FLOW_NAMES)})")
    tables = tables or site_tables(folder)
    date, tenants = survey_parties(rdir, catalogue)
    plots, neighbours = read_geo(folder)
    parties = {**tenants, **neighbours}
    _, national = national_map(folder)
    flows = check_table(read_table(path), tables, plots, parties, national)
    # A tenant's plot and sector come from its flows rows when the survey does not hold them.
    firm_plot = {f.firm: f.plot for f in flows if f.plot}
    firm_nace = {f.firm: f.nace for f in flows if f.nace}
    merged = {
        pid: Party(p.id, p.name, p.kind, firm_nace.get(pid, p.nace), p.plot or firm_plot.get(pid, ""))
        for pid, p in parties.items()
    }
    return Inventory(tuple(flows), merged, plots, str(path), rdir.name, date)
