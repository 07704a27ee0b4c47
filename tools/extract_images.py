"""Write every image/png output of an executed notebook to DIR/<notebook>-<cell>.png (for a quick look)."""
import base64
import pathlib
import sys

import nbformat

nb_path, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
nb = nbformat.read(nb_path, as_version=4)
for i, cell in enumerate(nb.cells):
    for k, o in enumerate(cell.get("outputs", [])):
        data = o.get("data", {})
        if "image/png" in data:
            p = out / f"{nb_path.stem}-{i:02d}-{k}.png"
            p.write_bytes(base64.b64decode(data["image/png"]))
            print(p)
        if "text/html" in data:
            print(f"cell {i}: html {len(data['text/html'])} chars")
        if "text/plain" in data and "image/png" not in data and "text/html" not in data:
            print(f"cell {i}: {data['text/plain'][:200]}")
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream":
            print(f"cell {i} stream: {o.get('text', '')[:300]}")
