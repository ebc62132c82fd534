/**
 * A synthetic province for the benches (load, public): province → cities → counties → townships, with
 * departments at every level. Ids are short and stable ("o" + index in base 36), names distinct.
 */
export type ProvinceShape = { cities: number; counties: number; townships: number; countyDepts: number; cityDepts: number; provinceDepts: number };
export type OrganRow = { id: string; parentId: string | null; fullName: string; shortName: string; kind: string; sortOrder: number };

/** 14 cities × 8 counties × (50 townships + 12 departments), with city and province departments: 7,391 organs. */
export const PROVINCE_SHAPE: ProvinceShape = { cities: 14, counties: 8, townships: 50, countyDepts: 12, cityDepts: 20, provinceDepts: 40 };

/** The organs of a province of `shape` in tree order (parents first), and the ids of its governments by level. */
export function provinceTree(shape: ProvinceShape): { organs: OrganRow[]; province: string; cities: string[]; counties: string[] } {
  const organs: OrganRow[] = [];
  const add = (kind: string, parentId: string | null, name: string) => {
    const id = `o${organs.length.toString(36)}`;
    organs.push({ id, parentId, fullName: name, shortName: name.slice(0, 12), kind, sortOrder: organs.length });
    return id;
  };
  const province = add("PROVINCE", null, "负载省人民政府");
  const cities: string[] = [];
  const counties: string[] = [];
  for (let d = 0; d < shape.provinceDepts; d++) add("DEPARTMENT", province, `负载省第${d}厅`);
  for (let c = 0; c < shape.cities; c++) {
    const city = add("CITY", province, `负载省第${c}市人民政府`);
    cities.push(city);
    for (let d = 0; d < shape.cityDepts; d++) add("DEPARTMENT", city, `第${c}市第${d}局`);
    for (let k = 0; k < shape.counties; k++) {
      const county = add("COUNTY", city, `第${c}市第${k}县人民政府`);
      counties.push(county);
      for (let d = 0; d < shape.countyDepts; d++) add("DEPARTMENT", county, `第${c}市第${k}县第${d}局`);
      for (let t = 0; t < shape.townships; t++) add("TOWNSHIP", county, `第${c}市第${k}县第${t}镇人民政府`);
    }
  }
  return { organs, province, cities, counties };
}
