"use client";
import { useState, type FormEvent, type JSX } from "react";
import { useUpdateUser, type UpdateUserInput } from "../_hooks/useUpdateUser";
import { useUsers } from "../_hooks/useUsers";
import { useViewer } from "../_hooks/useViewer";
import type { UserDto } from "../_lib/dto";
import { formatDate } from "../_lib/format";
import type { Role } from "../_lib/permissions";
import { AdminHeader } from "./AdminNav";
import { CreateUserForm } from "./CreateUserForm";
import { ErrorAlert } from "./ErrorAlert";
import { LoadFailed, Loading } from "./LoadState";
import { RoleTeamFields, teamRule } from "./RoleTeamFields";
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH, TextField } from "./TextField";
import { TableHead } from "./TableHead";

const USER_COLUMNS = ["User", "Role", "Team", "State", "Last sign-in", "Actions"];

/** Only what the admin changed is sent: a PATCH that repeats the role would still end the user's sessions for nothing. */
function changesOf(user: UserDto, role: Role, team: string, password: string): UpdateUserInput {
  const wantedTeam = teamRule(role) === "none" || team === "" ? null : team;
  return {
    ...(role !== user.role ? { role } : {}),
    ...(wantedTeam !== (user.team?.slug ?? null) ? { team: wantedTeam } : {}),
    ...(password ? { password } : {}),
  };
}

/** The row's editor: role and team, and optionally a new password; saving ends the user's sessions. */
function EditUser({ user, close }: { user: UserDto; close: () => void }): JSX.Element {
  const update = useUpdateUser();
  const [role, setRole] = useState<Role>(user.role);
  const [team, setTeam] = useState(user.team?.slug ?? "");
  const [password, setPassword] = useState("");
  const changes = changesOf(user, role, team, password);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (Object.keys(changes).length === 0) return close();
    update.mutate({ id: user.id, changes }, { onSuccess: close });
  };
  return (
    <form className="form edit-user" onSubmit={submit} aria-label={`Change ${user.email}`}>
      <RoleTeamFields idPrefix={`edit-${user.id}`} role={role} team={team} onRole={setRole} onTeam={setTeam} />
      <TextField label={<>New password <span className="muted">(optional)</span></>} name="newPassword" type="password" autoComplete="new-password" value={password} onChange={setPassword} minLength={PASSWORD_MIN_LENGTH} hint={PASSWORD_HINT} />
      <p className="muted small">Saving a new role, team or password signs {user.email} out everywhere; they sign in again with the new rights.</p>
      <ErrorAlert error={update.error} />
      <div className="form-actions">
        <button type="submit" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save"}
        </button>
        <button type="button" className="secondary" onClick={close}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Disable (sign-in refused, sessions ended, history kept) or enable again; the server keeps the last admin active. */
function DisableButton({ user }: { user: UserDto }): JSX.Element {
  const update = useUpdateUser();
  const disabled = user.disabledAt !== null;
  return (
    <>
      <button type="button" className={disabled ? "secondary small-button" : "secondary small-button danger-outline"} onClick={() => update.mutate({ id: user.id, changes: { disabled: !disabled } })} disabled={update.isPending} aria-label={`${disabled ? "Enable" : "Disable"} ${user.email}`}>
        {disabled ? "Enable" : "Disable"}
      </button>
      <ErrorAlert error={update.error} />
    </>
  );
}

function UserCells({ user, isSelf }: { user: UserDto; isSelf: boolean }): JSX.Element {
  return (
    <>
      <th scope="row">
        <span className="break">{user.name ?? user.email}</span>
        {isSelf ? <span className="badge badge-you">you</span> : null}
        {user.name ? <div className="muted small break">{user.email}</div> : null}
      </th>
      <td data-label="Role">{user.role}</td>
      <td data-label="Team">{user.team?.name ?? "—"}</td>
      <td data-label="State">{user.disabledAt ? <span className="badge badge-failed">disabled</span> : <span className="badge badge-succeeded">active</span>}</td>
      <td data-label="Last sign-in" className="small">
        {user.lastSignInAt ? formatDate(user.lastSignInAt) : "—"}
      </td>
    </>
  );
}

function UserRow({ user, isSelf }: { user: UserDto; isSelf: boolean }): JSX.Element {
  const [editing, setEditing] = useState(false);
  return (
    <>
      <tr data-testid="user-row" data-email={user.email}>
        <UserCells user={user} isSelf={isSelf} />
        <td className="full-narrow">
          <div className="row-actions">
            <button type="button" className="secondary small-button" aria-expanded={editing} aria-controls={`edit-${user.id}`} onClick={() => setEditing(!editing)} aria-label={`Change ${user.email}`}>
              Change
            </button>
            {isSelf ? null : <DisableButton user={user} />}
          </div>
        </td>
      </tr>
      {editing ? (
        <tr className="edit-row" id={`edit-${user.id}`}>
          <td colSpan={USER_COLUMNS.length}>
            <EditUser user={user} close={() => setEditing(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function UserTable({ users }: { users: UserDto[] }): JSX.Element {
  const self = useViewer().data?.user.id;
  return (
    <div className="table-scroll">
      <table className="table stack users-table">
        <TableHead columns={USER_COLUMNS} />
        <tbody>
          {users.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === self} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserList(): JSX.Element {
  const users = useUsers();
  if (users.isPending) return <Loading what="the users" />;
  if (users.error) return <LoadFailed error={users.error} what="the users" retry={() => void users.refetch()} />;
  const active = users.data.filter((user) => user.disabledAt === null).length;
  return (
    <section className="card" aria-labelledby="users-heading" data-testid="user-list">
      <h2 id="users-heading">
        Users <span className="muted small">{active} active of {users.data.length}</span>
      </h2>
      <UserTable users={users.data} />
    </section>
  );
}

/** `/admin/users`: every user with role, team, state and last sign-in; add one, change role or team, disable. */
export function UsersView(): JSX.Element {
  return (
    <>
      <AdminHeader />
      <UserList />
      <CreateUserForm />
    </>
  );
}
