// The directory as the designer's pickers need it: search groups and people as one types, and the names of ids
// already written, through the page's handlers (the answers of GET /api/groups?search= and GET /api/users?search=).
// Answers are cached for the page's lifetime.
async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

export function createDirectory(groupsUrl, usersUrl) {
  let groups;
  const users = new Map();
  const allGroups = () => {
    groups = groups || getJson(groupsUrl).catch(() => []);
    return groups;
  };
  const remember = (found) => found.forEach((user) => users.set(user.userId, user));
  return {
    /** At most 20 groups or people matching what was typed, as { id, name }. */
    async search(kind, query) {
      const text = (query || '').trim();
      if (!text) return [];
      if (kind === 'group') {
        const found = await getJson(`${groupsUrl}&search=${encodeURIComponent(text)}`).catch(() => []);
        return found.slice(0, 20).map((group) => ({ id: group.id, name: group.name }));
      }
      const found = await getJson(`${usersUrl}&search=${encodeURIComponent(text)}`).catch(() => []);
      remember(found);
      return found.map((user) => ({ id: user.userId, name: user.displayName }));
    },
    /** The names of <ids> as { id: name }; ids the directory lacks are left out. */
    async names(kind, ids) {
      if (kind === 'group') {
        const list = await allGroups();
        return Object.fromEntries(list.filter((group) => ids.includes(group.id)).map((group) => [group.id, group.name]));
      }
      await Promise.all(ids.filter((id) => !users.has(id)).map((id) => getJson(`${usersUrl}&search=${encodeURIComponent(id)}`).then(remember).catch(() => null)));
      return Object.fromEntries(ids.filter((id) => users.has(id)).map((id) => [id, users.get(id).displayName]));
    },
  };
}
